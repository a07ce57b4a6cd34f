import { OrderError } from '../../domain/errors'
import { publishedAuthorities } from '../../services/certificate-authority'
import { publicVerification, verifyDocument } from '../../services/verify-document'
import { statusOf } from '../errors'
import { ErrorPage } from '../pages/ErrorPage'
import { VerifyPage, VerifyUploadPage } from '../pages/VerifyPage'
import { createRouter } from '../router'

/** /verify (a form for any PDF) and /verify/:id, the address in a registered order's QR code: open to anyone. */
export const verifyPages = createRouter()
  .get('/', async (c) =>
    c.html(<VerifyUploadPage csrf={c.var.session?.csrf} authorities={await publishedAuthorities(c.var.ctx)} />),
  )
  .post('/', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const file = form.file
    if (!(file instanceof File) || file.size === 0)
      throw new OrderError('invalid_input', 'Выберите файл PDF', [{ path: 'file', message: 'нет файла' }])
    const report = await verifyDocument(c.var.ctx, new Uint8Array(await file.arrayBuffer()))
    return c.html(
      <VerifyUploadPage
        report={report}
        csrf={c.var.session?.csrf}
        authorities={await publishedAuthorities(c.var.ctx)}
      />,
    )
  })
  .get('/:id', async (c) => {
    try {
      return c.html(<VerifyPage {...(await publicVerification(c.var.ctx, c.req.param('id')))} />)
    } catch (e) {
      if (!(e instanceof OrderError)) throw e
      return c.html(<ErrorPage title="Документ не найден" message={e.message} hint="" />, statusOf[e.code])
    }
  })
