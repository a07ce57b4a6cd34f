import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { renderDocx } from '../../src/documents/docx'
import { buildOrderView } from '../../src/documents/order-view'
import { median, type BenchResult } from './measure'
import { sample001, startService } from './renderings.bench'

/**
 * A clerk saves a new version of a roadmap order (the 001 sample, 10 pages) and opens its PDF: from the `PUT`
 * to the last byte of the first PDF of that version, over HTTP, on the embedded default, against LibreOffice
 * converting our DOCX of the same order (rounds interleaved). The service's Server-Timing says how much of it
 * was the rendering itself; the rest (saving the version, storing the file, HTTP) is reported as a share.
 */
export const freshVersionPdfVersusLibreOffice = async (rounds = 7): Promise<BenchResult[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fresh-'))
  const docx = join(dir, 'order.docx')
  writeFileSync(
    docx,
    renderDocx(builtInTemplate('prikaz'), buildOrderView(sample001, { draft: true, organization: { name: ['—'] } })),
  )
  const soffice = () =>
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx],
      { stdio: 'ignore', timeout: 180_000 },
    )
  const service = await startService('embedded')
  try {
    soffice() // the first start creates the profile
    const { id } = await service.post('/api/orders', sample001)
    await service.get(`/api/orders/${id}/document.pdf`)
    const totals: number[] = []
    const outside: number[] = []
    const conversions: number[] = []
    for (let round = 0; round < rounds; round++) {
      let t = performance.now()
      soffice()
      conversions.push(performance.now() - t)
      for (let i = 0; i < 3; i++) {
        t = performance.now()
        const saved = await fetch(`${service.server.url}/api/orders/${id}`, {
          method: 'PUT',
          headers: { ...service.auth, 'content-type': 'application/json' },
          body: JSON.stringify({ ...sample001, title: `${sample001.title} (${round}.${i})` }),
        })
        if (!saved.ok) throw new Error(`PUT: ${saved.status} ${await saved.text()}`)
        await saved.arrayBuffer()
        const pdf = await service.get(`/api/orders/${id}/document.pdf`)
        if (!pdf.ok) throw new Error(`PDF: ${pdf.status}`)
        await pdf.arrayBuffer()
        const total = performance.now() - t
        const rendering = Number(/render;dur=([\d.]+)/.exec(pdf.headers.get('server-timing') ?? '')?.[1])
        if (!Number.isFinite(rendering)) throw new Error('the fresh version’s PDF was not rendered for this request')
        totals.push(total)
        outside.push((total - rendering) / total)
      }
    }
    const value = median(totals)
    const baseline = median(conversions)
    const share = median(outside)
    return [
      {
        name: 'fresh version of the 001 sample (PUT, then its first PDF over HTTP, embedded default) vs soffice --convert-to pdf of our DOCX: times faster',
        value,
        baseline,
        ratio: baseline / value,
        goal: '>= 30',
        meets: baseline / value >= 30,
        unit: 'ms',
      },
      {
        name: 'share of that time outside the rendering itself (saving the version, storing the file, HTTP), median',
        value: share * 100,
        baseline: 100,
        ratio: share,
        goal: '<= 0.2',
        meets: share <= 0.2,
        unit: '%',
      },
    ]
  } catch (e) {
    console.log(service.server.output().slice(-3000))
    throw e
  } finally {
    await service.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
