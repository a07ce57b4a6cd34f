import { russianDate } from '../../domain/dates'
import { type Flash, FlashNotice } from './AdminPages'
import { CsrfField, Layout, type Viewer } from './Layout'

export type RegistrationPreview = {
  number: string
  date: string
  journal: { id: string; name: string }
  literaOf: string | null
}

/**
 * The second step of registering: the number the order will take, to confirm. The number is irreversible;
 * the confirmation carries it, and registering refuses another (someone registered meanwhile: shown again).
 */
export const RegisterConfirmPage = ({
  viewer,
  order,
  preview,
  flash,
}: {
  viewer: Viewer
  order: { id: string; title: string; kindName: string }
  preview: RegistrationPreview
  flash?: Flash
}) => (
  <Layout title="Подтверждение регистрации" viewer={viewer} current="/orders" narrow>
    <h1>Зарегистрировать {order.kindName}?</h1>
    <FlashNotice flash={flash} />
    <p>{order.title}</p>
    <dl class="facts">
      <dt>Регистрационный номер</dt>
      <dd class="big-number">№ {preview.number}</dd>
      <dt>Дата регистрации</dt>
      <dd>{russianDate(preview.date)}</dd>
      <dt>Журнал</dt>
      <dd>{preview.journal.name}</dd>
    </dl>
    <p class="muted">
      Номер присваивается один раз и не освобождается: отменить регистрацию нельзя. Если кто-то зарегистрирует документ
      в этом журнале раньше вас, номер изменится — вы увидите новый и подтвердите снова.
    </p>
    <form method="post" action={`/orders/${order.id}/register`}>
      <CsrfField viewer={viewer} />
      <input type="hidden" name="journalId" value={preview.journal.id} />
      {preview.literaOf ? <input type="hidden" name="literaOf" value={preview.literaOf} /> : null}
      <input type="hidden" name="expectedNumber" value={preview.number} />
      <div class="actions">
        <button type="submit" class="primary">
          Зарегистрировать под № {preview.number}
        </button>
        <a class="button" href={`/orders/${order.id}`}>
          Отмена
        </a>
      </div>
    </form>
  </Layout>
)
