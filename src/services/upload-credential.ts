import { z } from 'zod'
import { describeCertificate, readPkcs12 } from '../documents/signing/on-demand'
import { LIMITS } from '../domain/limits'
import { emailAddress, safeText } from '../domain/text'
import { parseInput } from '../domain/validation'
import { authorize, ownOrganization } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'
import { storeUploadedCredential } from './keys'

export const UploadCredentialInput = z
  .object({
    organizationId: z.string().uuid().optional(),
    /** the holder: the person's e-mail, as the approval routes name them */
    email: emailAddress().toLowerCase(),
    password: safeText().max(LIMITS.request.name),
    bytes: z.instanceof(Uint8Array).refine((b) => b.length > 0, 'выберите файл .p12 или .pfx'),
  })
  .strict()

/**
 * An admin uploads a person's PKCS#12 (their own key and certificate, e.g. from an accredited CA): checked
 * and stored with the key sealed by SIGNING_KEY; that person's next visa or signature uses it.
 */
export const uploadCredential = async (ctx: ServiceContext, input: unknown) => {
  authorize(ctx, 'signing.manage')
  const request = parseInput(UploadCredentialInput, input, 'Сертификат')
  const organizationId = await ownOrganization(ctx, request.organizationId)
  const now = ctx.clock.now()
  const { credential, issuers } = await readPkcs12(request.bytes, request.password, now)
  const cert = await describeCertificate(credential.certificate)
  return inTransaction(ctx, async (tx) => {
    await storeUploadedCredential(tx, ctx, organizationId, request.email, credential, issuers)
    const answer = {
      holder: request.email,
      commonName: cert.commonName,
      serialNumber: cert.serialNumber,
      issuer: cert.issuer,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
    }
    await recordEvent(tx, ctx, { organizationId, action: 'credential_uploaded', data: answer })
    return answer
  })
}
