import { Layout, type Viewer } from './Layout'

/** What a person sees when a page cannot be shown: a link that cannot be used, a forbidden or unknown page. */
export const ErrorPage = ({
  title,
  message,
  viewer,
  hint = 'Если вам нужно принять решение по документу, попросите делопроизводителя прислать новую ссылку.',
}: {
  title: string
  message: string
  viewer?: Viewer
  hint?: string
}) => (
  <Layout title={title} viewer={viewer} narrow>
    <h1>{title}</h1>
    <p class="notice error" role="alert">
      {message}
    </p>
    <p>{hint}</p>
  </Layout>
)
