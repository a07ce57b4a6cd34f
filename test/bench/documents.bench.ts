import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docxtemplater from 'docxtemplater'
import PizZip from 'pizzip'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { renderDocx } from '../../src/documents/docx'
import { tableXml } from '../../src/documents/docx-table'
import { buildOrderView, type RenderFacts } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { sampleContent } from '../support/harness'
import { median, type BenchResult } from './measure'

const facts: RenderFacts = {
  draft: false,
  number: '12-ОД',
  date: '2026-03-10',
  organization: { name: ['СРЕДНЯЯ ШКОЛА № 5'], place: 'Смоленск' },
}
const order = sampleContent({
  appendices: [
    {
      title: 'План мероприятий',
      table: {
        columns: [
          { title: '№', role: 'number' },
          { title: 'Мероприятие', role: 'activity' },
          { title: 'Срок', role: 'deadline' },
          { title: 'Ответственный', role: 'executor' },
        ],
        rows: Array.from({ length: 30 }, (_, i) => ({
          cells: [
            `${i + 1}`,
            `Проведение методического семинара для педагогов по теме № ${i + 1}`,
            'до 30.06.2027',
            'Романова И.Е.',
          ],
        })),
      },
    },
  ],
})

const timeIt = async (runs: number, f: () => unknown) => {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await f()
    times.push(performance.now() - t)
  }
  return median(times)
}

/** Our PDF against LibreOffice converting our own DOCX of the same order (medians of repeated runs). */
export const pdfVersusLibreOffice = async (): Promise<BenchResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lo-'))
  const docx = join(dir, 'order.docx')
  writeFileSync(docx, renderDocx(builtInTemplate('prikaz'), buildOrderView(order, facts)))
  const soffice = () =>
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx],
      { stdio: 'ignore', timeout: 180_000 },
    )
  soffice() // first start creates the profile
  const baseline = await timeIt(5, soffice)
  await renderPdf(buildOrderView(order, facts))
  const value = await timeIt(20, () => renderPdf(buildOrderView(order, facts)))
  const ratio = baseline / value
  return {
    name: 'PDF of an order with a 30-row appendix: times faster than soffice --convert-to pdf',
    value,
    baseline,
    ratio,
    goal: '>= 20',
    meets: ratio >= 20,
    unit: 'ms',
  }
}

/** Our DOCX against a bare docxtemplater render of the same template and data. */
export const docxVersusBareTemplater = async (): Promise<BenchResult> => {
  const template = builtInTemplate('prikaz')
  const view = buildOrderView(order, facts)
  const data = {
    ...view,
    signerPosition: view.signer.position,
    signerName: view.signer.name,
    appendices: view.appendices.map((a) => ({ ...a, table: a.table ? tableXml(a.table) : '' })),
  }
  const bare = () => {
    const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true })
    doc.render(data)
    return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' })
  }
  const ours = () => renderDocx(template, buildOrderView(order, facts))
  for (let i = 0; i < 20; i++) {
    bare()
    ours()
  }
  // interleaved rounds, so that a noisy moment hits both alike
  const b: number[] = []
  const o: number[] = []
  for (let i = 0; i < 15; i++) {
    b.push(await timeIt(10, bare))
    o.push(await timeIt(10, ours))
  }
  const value = median(o)
  const baseline = median(b)
  const ratio = value / baseline
  return {
    name: 'DOCX of an order with a 30-row appendix: time relative to a bare docxtemplater render',
    value,
    baseline,
    ratio,
    goal: '<= 1.5',
    meets: ratio <= 1.5,
    unit: 'ms',
  }
}

/** The heap after rendering 1,000 orders in a row against the heap after the first 100 (after GC). */
export const heapOverThousandRenders = async (): Promise<BenchResult> => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run the benchmarks with node --expose-gc (npm run bench does)')
  const small = sampleContent()
  const heapAfter = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await renderPdf(buildOrderView({ ...small, title: `${small.title} ${i}` }, facts))
      renderDocx(builtInTemplate('prikaz'), buildOrderView(small, facts))
    }
    gc()
    gc()
    return process.memoryUsage().heapUsed / 1024 / 1024
  }
  const baseline = await heapAfter(100)
  const value = await heapAfter(900)
  const ratio = value / baseline
  return {
    name: 'heap after 1,000 renderings (PDF and DOCX) relative to after 100',
    value,
    baseline,
    ratio,
    goal: '<= 1.1',
    meets: ratio <= 1.1,
    unit: 'MiB',
  }
}
