import { describe, expect, it } from 'vitest'
import { isOrderError } from '../../../src/domain/errors'
import { MAX_PKCS12_ITERATIONS, readPkcs12 } from '../../../src/documents/signing/pkcs12'
import { makePkcs12 } from '../../support/pkcs12'
import { hasTool } from '../../support/tools'

/** A PKCS#12 made by openssl with `options` (iteration counts, which parts are encrypted). */
const pkcs12 = (name: string, options: string[]) =>
  makePkcs12(`iter-${name}`, { subject: '/CN=Итерации', days: 2, exportOptions: options })

const refusal = async (file: Uint8Array) => {
  const e = await readPkcs12(file, 'pw', new Date()).then(
    () => undefined,
    (err: unknown) => err,
  )
  if (!isOrderError(e)) throw new Error(`not refused: ${e}`)
  return e
}

describe.runIf(hasTool('openssl'))(
  'a PKCS#12 asking for more key derivation than allowed is refused before deriving',
  () => {
    const over = String(MAX_PKCS12_ITERATIONS + 100_000)

    it('by its MAC’s iteration count: 422 naming the count and the bound', async () => {
      const e = await refusal(pkcs12('mac', ['-iter', over]))
      expect(e.code).toBe('invalid_input')
      expect(e.message).toBe(`Файл PKCS#12 требует ${over} итераций выработки ключа, допускается не больше 600000`)
    }, 60_000)

    it('by its encrypted certificates’ count, the MAC’s being small', async () => {
      const e = await refusal(pkcs12('certs', ['-iter', over, '-nomaciter']))
      expect(e.message).toContain(`требует ${over} итераций`)
    }, 60_000)

    it('by its shrouded key’s count, the certificates not encrypted', async () => {
      const e = await refusal(pkcs12('key', ['-iter', over, '-nomaciter', '-certpbe', 'NONE']))
      expect(e.message).toContain(`требует ${over} итераций`)
    }, 60_000)

    it('the usual counts (openssl’s 2048) are opened', async () => {
      const { credential } = await readPkcs12(pkcs12('usual', []), 'pw', new Date())
      expect(credential.privateKey.length).toBeGreaterThan(0)
    }, 60_000)
  },
)
