import { OrderError } from '../../domain/errors'
import { openLink, renderLinkDocument } from '../../services/open-link'
import { statusOf } from '../errors'
import { ErrorPage } from '../pages/ErrorPage'
import { LinkPage } from '../pages/LinkPage'
import { createRouter } from '../router'
import { documentResponse, knownHashes } from './documents'

/** What a link holder opens in the browser: the page with the decision buttons, and the PDF. */
export const linkPages = createRouter()
  .get('/:token', async (c) => {
    const token = c.req.param('token')
    try {
      return c.html(<LinkPage token={token} {...(await openLink(c.var.ctx, token))} />)
    } catch (e) {
      // a person, not a program, opened this: an error page rather than JSON
      if (!(e instanceof OrderError)) throw e
      const title =
        e.code === 'link_gone' || e.code === 'link_locked' ? 'Ссылка больше не действует' : 'Ссылка не найдена'
      return c.html(<ErrorPage title={title} message={e.message} />, statusOf[e.code])
    }
  })
  .get('/:token/document.pdf', async (c) =>
    documentResponse(c, await renderLinkDocument(c.var.ctx, c.req.param('token'), { known: knownHashes(c) })),
  )
