import type { OpenAPIHono } from '@hono/zod-openapi'
import { OrderError } from '../../domain/errors'
import { openPasswordReset, setPasswordByReset } from '../../services/password-reset'
import type { Authenticator } from '../../services/auth'
import type { AppEnv } from '../middleware/context'
import { SetPasswordPage } from '../pages/SetPasswordPage'
import { failure, flashOf, formOf, text } from './page-kit'

/**
 * The set-password link's page (anyone holding the link: its token is the authority, as a signing link's is). A
 * used, expired or replaced link is 410 on the pages' error page; a password set sends the person to sign in.
 */
export const passwordPages = (pages: OpenAPIHono<AppEnv>, auth: Authenticator) => {
  pages.get('/password/:token', async (c) => {
    const token = c.req.param('token')
    const person = await openPasswordReset(c.var.ctx, token)
    c.header('referrer-policy', 'no-referrer')
    return c.html(<SetPasswordPage action={`/password/${token}`} {...person} />)
  })
  pages.post('/password/:token', async (c) => {
    const token = c.req.param('token')
    const form = await formOf(c)
    try {
      if (text(form.password) !== text(form.repeat))
        throw new OrderError('invalid_input', 'Пароли не совпадают', [{ path: 'repeat', message: 'не совпадает' }])
      const { userId } = await setPasswordByReset(c.var.ctx, token, { password: text(form.password) })
      // the sessions just ended are forgotten here at once (the other instances within TOKEN_MEMORY_MS)
      auth.forgetUser(userId)
      return c.redirect('/signin', 303)
    } catch (e) {
      const flash = flashOf(e)
      if (e instanceof OrderError && e.code === 'link_gone') throw e
      const person = await openPasswordReset(c.var.ctx, token)
      return c.html(<SetPasswordPage action={`/password/${token}`} {...person} error={flash} />, failure(e))
    }
  })
}
