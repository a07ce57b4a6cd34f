import { type Flash, FlashNotice } from './AdminPages'
import { Layout } from './Layout'

/** The page a set-password link opens: whose account it is, and the new password twice. */
export const SetPasswordPage = ({
  action,
  name,
  email,
  error,
}: {
  action: string
  name: string
  email: string
  error?: Flash
}) => (
  <Layout title="Установка пароля" narrow>
    <h1>Установка пароля</h1>
    <FlashNotice flash={error} />
    <p>
      {name} ({email}): задайте пароль для входа. Ссылка действует один раз.
    </p>
    <form method="post" action={action} class="card">
      <input type="hidden" name="username" value={email} autocomplete="username" />
      <label for="password">Новый пароль (не короче 8 символов)</label>
      <input id="password" name="password" type="password" autocomplete="new-password" minlength={8} required />
      <label for="repeat">Новый пароль ещё раз</label>
      <input id="repeat" name="repeat" type="password" autocomplete="new-password" minlength={8} required />
      <div class="actions">
        <button type="submit" class="primary">
          Сохранить пароль
        </button>
      </div>
    </form>
  </Layout>
)
