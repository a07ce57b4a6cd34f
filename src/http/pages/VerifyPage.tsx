import { ORGANIZATION_TIME_ZONE } from '../../domain/dates'
import type { SignatureReport } from '../../documents/signing/verify'
import type { publicVerification, verifyDocument } from '../../services/verify-document'
import { Layout, type Viewer } from './Layout'
import { type Authority, TrustAnchorHelp } from './TrustAnchorHelp'

type Props = Awaited<ReturnType<typeof publicVerification>>

const when = (d?: Date | string) =>
  d
    ? new Intl.DateTimeFormat('ru-RU', {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: ORGANIZATION_TIME_ZONE,
      }).format(new Date(d))
    : '—'

const ru = (d: string | null | undefined) => d?.split('-').reverse().join('.') ?? ''

/** Every signature of a file: who, when (the time stamp's time), certificate, level, valid or why not. */
const Signatures = ({ signatures }: { signatures: SignatureReport[] }) => (
  // on a phone the table scrolls inside its box rather than widening the page (it made the page 907 px wide)
  <section class="table-wrap" aria-label="Подписи" tabindex={0}>
    <table>
      <caption>Подписи</caption>
      <thead>
        <tr>
          <th scope="col">№</th>
          <th scope="col">Подписант</th>
          <th scope="col">Время</th>
          <th scope="col">Сертификат</th>
          <th scope="col">Уровень</th>
          <th scope="col">Охват</th>
          <th scope="col">Состояние</th>
        </tr>
      </thead>
      <tbody>
        {signatures.map((s) => (
          <tr>
            <td>{s.index}</td>
            <td>{s.signer ? `${s.signer.commonName}${s.signer.title ? `, ${s.signer.title}` : ''}` : '—'}</td>
            <td>
              {when(s.signedAt)}
              {s.timeStamped ? <div class="muted">метка времени</div> : null}
            </td>
            <td>{s.signer?.serialNumber ?? '—'}</td>
            <td>{s.level}</td>
            <td>{s.coversWholeFile ? 'весь файл' : `первые ${s.coveredUntil} байт`}</td>
            <td>
              {s.valid
                ? s.trusted
                  ? 'действительна'
                  : 'действительна, издатель не доверенный'
                : `недействительна: ${s.problems.join('; ')}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)

/** The verdict, as the API gives it: valid, or invalid with every reason (each naming its signature or revision). */
const Verdict = ({ overall, reasons, empty }: { overall: 'valid' | 'invalid'; reasons: string[]; empty?: boolean }) => (
  <div class={overall === 'valid' ? 'notice ok' : 'notice error'} role="status">
    <p>
      <strong>
        {overall === 'valid'
          ? 'Подписи действительны и доверенные; после подписей изменено только допустимое.'
          : empty
            ? 'В файле нет электронных подписей.'
            : 'Файл не подтверждён: подписи недействительны, не доверенные или после подписания изменено недопустимое.'}
      </strong>
    </p>
    {overall === 'invalid' && reasons.length && !empty ? (
      <ul>
        {reasons.map((r) => (
          <li>{r}</li>
        ))}
      </ul>
    ) : null}
  </div>
)

/** What a stored file of ours is, by the stage it was stored at. */
const STAGES: Record<string, string> = {
  draft: 'проект',
  signed: 'подписан (или согласуется), не зарегистрирован',
  registered: 'зарегистрирован, без подписей',
  sealed: 'подписан и зарегистрирован',
}

/** The public page a registered order's QR code opens: its registration and every signature on our file. */
export const VerifyPage = (p: Props) => (
  <Layout title="Проверка подлинности документа" narrow>
    <h1>Проверка подлинности документа</h1>
    <p>
      <strong>{p.title}</strong>
    </p>
    <p>{p.number ? `Зарегистрирован № ${p.number} от ${ru(p.date)}` : 'Не зарегистрирован'}</p>
    <Verdict overall={p.overall} reasons={p.reasons} empty={p.signatures.length === 0} />
    <Signatures signatures={p.signatures} />
    <p>
      SHA-256 хранимого файла: <code>{p.sha256 ?? '—'}</code>. Свою копию можно проверить на странице{' '}
      <a href="/verify">проверки файла</a>.
    </p>
  </Layout>
)

type FileReport = Awaited<ReturnType<typeof verifyDocument>>

/** Anyone may upload a PDF and see its signatures, and whether it is one of the files we issued. */
export const VerifyUploadPage = ({
  viewer,
  report,
  csrf,
  authorities = [],
}: {
  viewer?: Viewer
  report?: FileReport
  csrf?: string
  authorities?: Authority[]
}) => (
  <Layout title="Проверка файла" viewer={viewer} narrow>
    <h1>Проверка подписанного файла</h1>
    <form method="post" action="/verify" enctype="multipart/form-data" class="card">
      {csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null}
      <label for="file">Файл PDF</label>
      <input id="file" name="file" type="file" accept="application/pdf,.pdf" required />
      <div class="actions">
        <button type="submit" class="primary">
          Проверить
        </button>
      </div>
    </form>
    {report ? (
      report.kind === 'pdf' ? (
        <section aria-live="polite">
          <Verdict overall={report.overall} reasons={report.reasons} empty={report.signatures.length === 0} />
          <p>
            {report.ours
              ? `Это файл нашей системы: «${report.ours.title}», ${STAGES[report.ours.stage] ?? report.ours.stage}${report.ours.number ? `, № ${report.ours.number} от ${ru(report.ours.date)}` : ''}.`
              : 'Такого файла в системе нет (его копия изменена или он выпущен не нами).'}
          </p>
          <Signatures signatures={report.signatures} />
          <p class="muted">
            Размер {report.size} байт, SHA-256 <code>{report.sha256}</code>
          </p>
        </section>
      ) : (
        <p class="notice error" role="alert">
          {report.message}
        </p>
      )
    ) : null}
    <TrustAnchorHelp authorities={authorities} />
  </Layout>
)
