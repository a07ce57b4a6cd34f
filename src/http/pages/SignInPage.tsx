import { Layout } from './Layout'

export const SignInPage = ({ csrf, next, error }: { csrf: string; next?: string; error?: string }) => (
  <Layout title="Вход" narrow>
    <h1>Вход в систему приказов</h1>
    {error ? (
      <p class="notice error" role="alert">
        {error}
      </p>
    ) : null}
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
