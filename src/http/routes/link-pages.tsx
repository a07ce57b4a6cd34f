import { OrderError } from '../../domain/errors'
import { openLink, renderLinkDocument } from '../../services/open-link'
import { statusOf } from '../errors'
import { ErrorPage } from '../pages/ErrorPage'
import { LinkPage, LinkSignInPage } from '../pages/LinkPage'
import { signInToLink } from '../../services/link-person'
import { createRouter } from '../router'
import { documentResponse, knownHashes } from './documents'

/** What a link holder opens in the browser: the page with the decision buttons, and the PDF. */
export const linkPages = createRouter()
  .get('/:token', async (c) => {
    const token = c.req.param('token')
    try {
      return c.html(
        <LinkPage
          token={token}
          signIn={signInToLink(token)}
          csrf={c.var.session?.csrf}
          {...(await openLink(c.var.ctx, token))}
        />,
      )
    } catch (e) {
      // a person, not a program, opened this: an error page rather than JSON
      if (!(e instanceof OrderError)) throw e
      // not signed in, or signed in as someone else: the way to the page is to sign in as its person
      if (e.code === 'unauthenticated' || e.code === 'forbidden')
        return c.html(
          <LinkSignInPage
            message={e.message}
            signIn={signInToLink(token)}
            signedIn={c.var.ctx.actor.type === 'user'}
          />,
          statusOf[e.code],
        )
      const title =
        e.code === 'link_gone' || e.code === 'link_locked' ? 'Ссылка больше не действует' : 'Ссылка не найдена'
      return c.html(<ErrorPage title={title} message={e.message} />, statusOf[e.code])
    }
  })
  .get('/:token/document.pdf', async (c) =>
    documentResponse(c, await renderLinkDocument(c.var.ctx, c.req.param('token'), { known: knownHashes(c) })),
  )
