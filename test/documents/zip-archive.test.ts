import { describe, expect, it } from 'vitest'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { checkTemplate } from '../../src/documents/docx'
import { checkZipArchive } from '../../src/documents/zip-archive'
import { LIMITS } from '../../src/domain/limits'
import { bomb, deflated, entriesOf, writeZip } from '../support/zip'

const template = entriesOf(builtInTemplate('prikaz'))
const codes = (bytes: Uint8Array) => checkZipArchive(bytes).map((p) => p.code)

describe('a ZIP is judged before anything unpacks it', () => {
  it('lets a real template through, rewritten by hand or not', () => {
    expect(checkZipArchive(builtInTemplate('prikaz'))).toEqual([])
    expect(checkTemplate(writeZip(template))).toEqual([])
  })

  it('refuses a 400 MB bomb from its directory, in milliseconds', async () => {
    const zip = writeZip([...template, await bomb('word/media/filler.xml', 400)])
    expect(zip.byteLength).toBeLessThan(1024 * 1024)
    const started = performance.now()
    const problems = checkTemplate(zip)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(problems).toContainEqual(expect.objectContaining({ code: 'too_large', path: 'file:word/media/filler.xml' }))
    expect(problems.find((p) => p.path === 'file')?.message).toContain(String(LIMITS.template.unpackedBytes))
  })

  it('refuses a part that deflates beyond the ratio of any XML, though small', async () => {
    const ratio = await bomb('word/big.xml', 5) // 5 MB of zeros: under every size bound, not under the ratio
    expect(codes(writeZip([...template, ratio]))).toEqual(['too_large'])
  })

  it('stops at the lie an archive tells of its sizes', async () => {
    const liar = { ...(await bomb('word/lie.xml', 50)), unpacked: 1000 }
    const started = performance.now()
    expect(codes(writeZip([...template, liar]))).toEqual(['size_mismatch'])
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('refuses more parts than a document has', () => {
    const many = Array.from({ length: LIMITS.template.entries + 1 }, (_, i) =>
      deflated(`p/${i}.xml`, new Uint8Array(1)),
    )
    expect(codes(writeZip(many))).toEqual(['too_large'])
  })

  it.each([
    ['../../x'],
    ['word/../../x'],
    ['/etc/passwd'],
    ['word\\..\\x'],
    ['C:/x'],
    ['word/./document2.xml'],
    ['word/ок.xml'],
    ['word//x.xml'],
    ['word//'],
  ])('refuses the part name %s', (name) => {
    const zip = writeZip([...template, deflated(name, new TextEncoder().encode('<x/>'))])
    expect(checkZipArchive(zip)).toEqual([expect.objectContaining({ code: 'bad_entry_name' })])
    expect(checkTemplate(zip).map((p) => p.code)).toEqual(['bad_entry_name'])
  })

  it('takes folder entries («word/», empty), as the DOCX the service renders has them; a folder holding bytes not', () => {
    const folder = (name: string, data = new Uint8Array(0)) => deflated(name, data)
    expect(checkZipArchive(writeZip([...template, folder('word/'), folder('word/_rels/')]))).toEqual([])
    expect(checkZipArchive(writeZip([...template, folder('word/', new Uint8Array(3))]))).toEqual([
      expect.objectContaining({ code: 'bad_entry_name' }),
    ])
  })

  it('refuses what is not a ZIP, or a ZIP whose directory points nowhere', () => {
    expect(codes(new Uint8Array(100))).toEqual(['unreadable'])
    const zip = writeZip(template)
    const broken = zip.slice()
    new DataView(broken.buffer).setUint32(zip.byteLength - 6, 7, true) // directory offset
    expect(codes(broken)).toEqual(['unreadable'])
  })
})
