import type { publicVerification } from '../../services/verify-document'
import { Layout } from './Layout'

type Props = Awaited<ReturnType<typeof publicVerification>>

const when = (d?: Date) =>
  d
    ? new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' }).format(d)
    : '—'

/** The public page a registered order's QR code opens: its registration and every signature on our file. */
export const VerifyPage = (p: Props) => (
  <Layout title="Проверка подлинности документа">
    <header>
      <h1>Проверка подлинности документа</h1>
    </header>
    <main>
      <p>
        <strong>{p.title}</strong>
      </p>
      <p>
        {p.number ? `Зарегистрирован № ${p.number} от ${p.date?.split('-').reverse().join('.')}` : 'Не зарегистрирован'}
      </p>
      <p class={p.allValid ? 'notice' : 'notice error'}>
        {p.allValid ? 'Все подписи действительны' : 'Подписи отсутствуют или недействительны'}
      </p>
      <table>
        <caption>Подписи</caption>
        <thead>
          <tr>
            <th scope="col">Подписант</th>
            <th scope="col">Время</th>
            <th scope="col">Сертификат</th>
            <th scope="col">Уровень</th>
            <th scope="col">Состояние</th>
          </tr>
        </thead>
        <tbody>
          {p.signatures.map((s) => (
            <tr>
              <td>{s.signer ? `${s.signer.commonName}${s.signer.title ? `, ${s.signer.title}` : ''}` : '—'}</td>
              <td>{when(s.signedAt)}</td>
              <td>{s.signer?.serialNumber ?? '—'}</td>
              <td>{s.level}</td>
              <td>
                {s.valid
                  ? s.trusted
                    ? 'действительна'
                    : 'действительна, издатель не доверенный'
                  : s.problems.join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        SHA-256 хранимого файла: <code>{p.sha256 ?? '—'}</code>. Копию можно проверить: POST /api/verify с файлом PDF.
      </p>
    </main>
  </Layout>
)
