import { closingLine, journalCells, journalColumns, type JournalRecord } from '../../domain/journal-record'
import { Layout, type Viewer } from './Layout'

export type JournalChoice = { id: string; name: string }

/** The journals of the organization, each a link to its current year. */
export const JournalsListPage = ({ viewer, journals }: { viewer: Viewer; journals: JournalChoice[] }) => (
  <Layout title="Журналы регистрации" viewer={viewer} current="/journals">
    <h1>Журналы регистрации</h1>
    {journals.length === 0 ? (
      <p class="notice">
        Журналов ещё нет. Администратор создаёт их на странице «Журналы»: вид документов, шаблон номера и сброс
        нумерации.
      </p>
    ) : (
      <ul>
        {journals.map((j) => (
          <li>
            <a href={`/journals/${j.id}`}>{j.name}</a>
          </li>
        ))}
      </ul>
    )}
  </Layout>
)

/** The journal of a year, printable, with its XLSX and PDF and the year's closing line. */
export const JournalPage = ({
  viewer,
  record,
  years,
  journals,
}: {
  viewer: Viewer
  record: JournalRecord
  years: number[]
  journals: JournalChoice[]
}) => {
  const base = `/api/journals/${record.journal.id}/record?year=${record.year}`
  const choices = [...new Set([record.year, ...years])].sort((a, b) => b - a)
  return (
    <Layout
      title={`Журнал «${record.journal.name}» за ${record.year} год`}
      viewer={viewer}
      current="/journals"
      scripts={['print.js']}
    >
      <h1>
        Журнал регистрации «{record.journal.name}» за {record.year} год
      </h1>
      <form method="get" action="/journals/go" class="filters no-print">
        <div>
          <label for="journal">Журнал</label>
          <select id="journal" name="journal">
            {journals.map((j) => (
              <option value={j.id} selected={j.id === record.journal.id}>
                {j.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="year">Год</label>
          <select id="year" name="year">
            {choices.map((y) => (
              <option value={String(y)} selected={y === record.year}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Показать</button>
      </form>
      <div class="actions no-print">
        <button type="button" data-print-page="">
          Печать
        </button>
        <a class="button" href={`${base}&format=xlsx`}>
          Скачать XLSX
        </a>
        <a class="button" href={`${base}&format=pdf`}>
          Скачать PDF
        </a>
      </div>
      {record.lines.length === 0 ? (
        <p class="notice">
          За {record.year} год в журнале нет регистраций. Номер присваивается, когда делопроизводитель регистрирует
          подписанный приказ на его странице.
        </p>
      ) : (
        <section class="table-wrap" aria-label="Регистрации" tabindex={0}>
          <table class="journal">
            <caption class="sr-only">Регистрации за {record.year} год</caption>
            <thead>
              <tr>
                {journalColumns.map((title) => (
                  <th scope="col">{title}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {record.lines.map((line) => {
                const cells = journalCells(line)
                return (
                  <tr class={line.type === 'missing' ? 'missing' : line.litera ? 'litera' : undefined}>
                    <td class="num">{cells[0]}</td>
                    <td class="num">{cells[1]}</td>
                    <td>{cells[2]}</td>
                    <td>{line.type === 'entry' ? <a href={`/orders/${line.orderId}`}>{cells[3]}</a> : cells[3]}</td>
                    <td>{cells[4]}</td>
                    <td>{cells[5]}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
      )}
      <p class="closing">
        <strong>{closingLine(record)}</strong>
      </p>
    </Layout>
  )
}
