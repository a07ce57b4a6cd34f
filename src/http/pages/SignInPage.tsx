import { type Flash, FlashNotice } from './AdminPages'
import { Layout } from './Layout'

/** `error`: a refused sign-in, with what is wrong field by field when the form itself was (an address too long). */
export const SignInPage = ({ csrf, next, error }: { csrf: string; next?: string; error?: Flash }) => (
  <Layout title="Вход" narrow>
    <h1>Вход в систему приказов</h1>
    <FlashNotice flash={error} />
    <form method="post" action="/signin" class="card">
      <input type="hidden" name="_csrf" value={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <label for="email">Электронная почта</label>
      <input id="email" name="email" type="email" autocomplete="username" required />
      <label for="password">Пароль</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      <div class="actions">
        <button type="submit" class="primary">
          Войти
        </button>
      </div>
    </form>
  </Layout>
)
