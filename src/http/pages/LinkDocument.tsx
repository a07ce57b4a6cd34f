import type { OrderView, ViewTable } from '../../documents/order-view'

/** An appendix table on the page, as in the PDF: a section row spans the table; wide tables scroll on a phone. */
const AppendixTable = ({ table, caption }: { table: ViewTable; caption: string }) => (
  // a scrolling region must be reachable by keyboard: focusable, and named
  <section class="table-wrap" tabindex={0} aria-label={caption}>
    <table>
      <caption class="sr-only">{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th scope="col">{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) =>
          'section' in r ? (
            <tr>
              <th scope="rowgroup" colspan={table.columns.length}>
                {r.section}
              </th>
            </tr>
          ) : (
            <tr>
              {r.cells.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ),
        )}
      </tbody>
    </table>
  </section>
)

/** The order as it will be printed, from the same view as the PDF and the DOCX, appendices and their tables included. */
export const LinkDocument = ({ v }: { v: OrderView }) => (
  <article class="doc">
    {v.draft ? <p class="draftmark">ПРОЕКТ</p> : null}
    {[...v.parentLines, ...v.nameLines].map((line) => (
      <h2>{line}</h2>
    ))}
    <h2>{v.kindTitle}</h2>
    <p>
      от {v.dateText} № {v.numberText}
    </p>
    <p>
      <b>{v.title}</b>
    </p>
    <p>{v.preamble}</p>
    {v.directive ? <p>{v.directive}</p> : null}
    {v.points.map((p) => (
      <p class={`depth${Math.min(p.depth, 4)}`}>
        {p.number} {p.text}
        {p.note ? `\n${p.note}` : ''}
      </p>
    ))}
    <p>
      {v.signer.position} — {v.signer.name}
    </p>
    {v.appendices.map((a) => (
      <section class="appendix">
        <p class="mark">{a.markLines.join(' ')}</p>
        <h3>{a.title}</h3>
        {a.textLines.map((line) => (
          <p>{line}</p>
        ))}
        {a.table ? <AppendixTable table={a.table} caption={`${a.label}: ${a.title}`} /> : null}
      </section>
    ))}
  </article>
)
