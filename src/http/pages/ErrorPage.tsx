import { Layout } from './Layout'

/** What a person who opened a link sees when it cannot be used. */
export const ErrorPage = ({ title, message }: { title: string; message: string }) => (
  <Layout title={title}>
    <h1>{title}</h1>
    <p class="notice error">{message}</p>
    <p>Если вам нужно принять решение по документу, попросите делопроизводителя прислать новую ссылку.</p>
  </Layout>
)
