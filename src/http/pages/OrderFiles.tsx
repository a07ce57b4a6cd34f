import { currentFileAt, orderFileName, type OrderFile } from '../../domain/file-names'

export type FiledOrder = {
  id: string
  kind: 'prikaz' | 'rasporyazhenie'
  status: string
  title: string
  number: string | null
  date: string | null
  /** someone has decided: the approval sheet has lines */
  hasApprovals: boolean
}

const fileLabels: Record<OrderFile, string> = {
  registered: 'зарегистрированный экземпляр: подписи и регистрационная отметка',
  signed: 'подписанный экземпляр (ещё не зарегистрирован)',
  rendering: 'проект',
}

/**
 * The order's current file on its page: what it is, open, save, print; the DOCX; the approval sheet and the
 * verification page one click away. The frame shows the same file.
 */
export const OrderFiles = ({ order }: { order: FiledOrder }) => {
  const file = currentFileAt(order.status)
  const url = `/api/orders/${order.id}/file.pdf`
  const name = orderFileName(order, file, 'pdf')
  return (
    <section class="card files" aria-labelledby="files-heading">
      <h2 id="files-heading">Файл приказа</h2>
      <p>
        <span class="muted">{fileLabels[file]}: </span>
        <span class="file-name">{name}</span>
      </p>
      <div class="actions">
        <a class="button primary" href={`${url}?download=1`} download={name}>
          Скачать PDF
        </a>
        <a class="button" href={url} target="_blank" rel="noopener">
          Открыть
        </a>
        <button type="button" data-print-frame="order-file">
          Печать
        </button>
        <a class="button" href={`/api/orders/${order.id}/document.docx`}>
          DOCX
        </a>
        {order.hasApprovals ? (
          <a class="button" href={`/orders/${order.id}/approval-sheet`}>
            Лист согласования
          </a>
        ) : null}
        {order.number ? (
          <a class="button" href={`/verify/${order.id}`}>
            Проверка подписей
          </a>
        ) : null}
      </div>
      <iframe id="order-file" class="preview" title={`Файл: ${name}`} src={url}></iframe>
    </section>
  )
}
