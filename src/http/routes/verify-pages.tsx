import { OrderError } from '../../domain/errors'
import { publicVerification } from '../../services/verify-document'
import { statusOf } from '../errors'
import { ErrorPage } from '../pages/ErrorPage'
import { VerifyPage } from '../pages/VerifyPage'
import { createRouter } from '../router'

/** /verify/:id, the address in a registered order's QR code: open to anyone. */
export const verifyPages = createRouter().get('/:id', async (c) => {
  try {
    return c.html(<VerifyPage {...(await publicVerification(c.var.ctx, c.req.param('id')))} />)
  } catch (e) {
    if (!(e instanceof OrderError)) throw e
    return c.html(<ErrorPage title="Документ не найден" message={e.message} />, statusOf[e.code])
  }
})
