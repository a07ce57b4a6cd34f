import { russianDate } from '../../domain/dates'
import type { DisciplineLine, DisciplineReport } from '../../domain/discipline'
import { type Flash, FlashNotice } from './AdminPages'
import { Layout, type Viewer } from './Layout'

const BAR_WIDTH = 180
const BAR_HEIGHT = 18

/**
 * On time, late and overdue of one executor as a stacked bar: an SVG with its widths as attributes, so the
 * page needs no inline style (the CSP forbids it). The figures stand beside it for those who do not see colour.
 */
const Bar = ({ line, scale }: { line: DisciplineLine; scale: number }) => {
  const parts = [
    ['on_time', line.onTime],
    ['late', line.late],
    ['overdue', line.overdue],
  ] as const
  let x = 0
  return (
    <svg
      width={BAR_WIDTH}
      height={BAR_HEIGHT}
      viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`}
      role="img"
      aria-label={`${line.executor}: в срок ${line.onTime}, с нарушением срока ${line.late}, просрочено ${line.overdue}`}
    >
      {parts.map(([kind, n]) => {
        const w = n * scale
        const rect = <rect class={`bar-${kind}`} x={x} y={0} width={w} height={BAR_HEIGHT} />
        x += w
        return rect
      })}
    </svg>
  )
}

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10} %`)

export const DisciplinePage = ({
  viewer,
  from,
  to,
  report,
  flash,
}: {
  viewer: Viewer
  from: string
  to: string
  report?: DisciplineReport
  flash?: Flash
}) => {
  const max = Math.max(1, ...(report?.executors ?? []).map((l) => l.onTime + l.late + l.overdue))
  const scale = BAR_WIDTH / max
  const download = (format: string) => `/api/reports/discipline?from=${from}&to=${to}&format=${format}`
  return (
    <Layout title="Исполнительская дисциплина" viewer={viewer} current="/reports/discipline">
      <h1>Отчёт об исполнительской дисциплине</h1>
      <form method="get" action="/reports/discipline" class="filters">
        <div>
          <label for="from">С</label>
          <input id="from" name="from" type="date" value={from} required />
        </div>
        <div>
          <label for="to">По</label>
          <input id="to" name="to" type="date" value={to} required />
        </div>
        <button type="submit">Показать</button>
      </form>
      <FlashNotice flash={flash} />
      {report ? (
        <>
          <p>
            Период {russianDate(report.from)} — {russianDate(report.to)}, по состоянию на {russianDate(report.asOf)}.
            Скачать: <a href={download('xlsx')}>XLSX</a> · <a href={download('csv')}>CSV</a> ·{' '}
            <a href={download('pdf')}>PDF</a>
          </p>
          <p class="legend" aria-hidden="true">
            <span class="on_time"></span>в срок<span class="late"></span>с нарушением срока
            <span class="overdue"></span>просрочено
          </p>
          <section class="table-wrap" tabindex={0} aria-label="Таблица отчёта">
            <table>
              <thead>
                <tr>
                  <th scope="col">Исполнитель</th>
                  <th scope="col">Поручений</th>
                  <th scope="col">В срок</th>
                  <th scope="col">С нарушением</th>
                  <th scope="col">Просрочено</th>
                  <th scope="col">Срок не наступил</th>
                  <th scope="col">Снято</th>
                  <th scope="col">Средняя просрочка, дн.</th>
                  <th scope="col">Доля в срок</th>
                  <th scope="col">Диаграмма</th>
                </tr>
              </thead>
              <tbody>
                {[...report.executors, report.total].map((l) => (
                  <tr class={l === report.total ? 'total' : undefined}>
                    <th scope="row">{l.executor}</th>
                    <td class="num">{l.items}</td>
                    <td class="num">{l.onTime}</td>
                    <td class="num">{l.late}</td>
                    <td class="num">{l.overdue}</td>
                    <td class="num">{l.open}</td>
                    <td class="num">{l.removed}</td>
                    <td class="num">{l.averageDelayDays ?? '—'}</td>
                    <td class="num">{rate(l.rate)}</td>
                    <td>{l === report.total ? null : <Bar line={l} scale={scale} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </Layout>
  )
}
