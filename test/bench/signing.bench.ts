import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tinos, readFont } from '../../src/documents/fonts'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { issueCa, issueCertificate } from '../../src/documents/signing/certificates'
import { keySigner } from '../../src/documents/signing/cms'
import { signPdf } from '../../src/documents/signing/pades'
import { sampleContent } from '../support/harness'
import { type BenchResult, median } from './measure'

const times = async (runs: number, f: () => unknown) => {
  const xs: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await f()
    xs.push(performance.now() - t)
  }
  return median(xs)
}

/**
 * One invisible signature on a 10-page PDF with an RSA-2048 key: our signPdf (pkijs, pdf-lib incremental save)
 * against poppler's `pdfsig -add-signature` over NSS on the same file. Neither time-stamps.
 */
export const signatureVersusPdfsig = async (): Promise<BenchResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sign-'))
  const rows = Array.from({ length: 290 }, (_, i) => ({
    cells: [`${i + 1}`, `Мероприятие ${i + 1}`, 'ежемесячно', 'Иванова И.И.'],
  }))
  const content = sampleContent({
    appendices: [
      {
        title: 'План',
        table: {
          columns: [{ title: '№' }, { title: 'Мероприятие' }, { title: 'Срок' }, { title: 'Ответственный' }],
          rows,
        },
      },
    ],
  })
  const pdf = await renderPdf(
    buildOrderView(content, { draft: false, organization: { name: ['ШКОЛА'], place: 'Смоленск' } }),
  )
  const input = join(dir, 'in.pdf')
  writeFileSync(input, pdf)
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [input], { encoding: 'utf8' }))?.[1])

  // the baseline's key: RSA-2048 in an NSS database, as pdfsig wants it
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: 'pipe' })
  run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'])
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'k.pem',
    '-out',
    'c.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Bench',
  ])
  run('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    'k.pem',
    '-in',
    'c.pem',
    '-out',
    'b.p12',
    '-passout',
    'pass:x',
    '-name',
    'bench',
  ])
  run('pk12util', ['-i', 'b.p12', '-d', `sql:${dir}`, '-W', 'x'])
  let n = 0
  const pdfsig = () =>
    run('pdfsig', ['-nssdir', `sql:${dir}`, '-add-signature', '-nick', 'bench', input, join(dir, `out${n++}.pdf`)])

  const now = new Date()
  const ca = await issueCa('Bench', now)
  const signer = await keySigner(
    await issueCertificate(ca, 'person', { commonName: 'Bench', organization: 'Bench' }, now),
    [ca.certificate],
  )
  const fonts = { regular: readFont(tinos.normal), bold: readFont(tinos.bold) }
  const ours = () => signPdf(pdf, { signer, fieldName: 'Подпись', signingTime: new Date(), fonts })

  pdfsig()
  await ours()
  const baseline = await times(15, pdfsig)
  const value = await times(15, ours)
  const ratio = value / baseline
  return {
    name: `Signature of a ${pages}-page PDF (RSA-2048): our signPdf vs pdfsig -add-signature (NSS), time ratio`,
    value,
    baseline,
    ratio,
    goal: '<= 2',
    meets: ratio <= 2,
    unit: 'ms',
  }
}
