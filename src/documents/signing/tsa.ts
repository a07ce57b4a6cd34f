import { type Credential, importPrivateKey } from './certificates'
import { signedData, type TimeStamper } from './cms'
import { crypto, OID, sha256 } from './crypto'
import { generalizedTime, octetString, oid, sequence, smallInteger, unsignedInteger } from './der'

/**
 * The built-in RFC 3161 time-stamp authority: a key under the organization's CA whose certificate allows
 * time stamping alone. Its tokens make a signature PAdES B-T without any outside service.
 */
export const timeStampAuthority = async (
  credential: Credential,
  issuers: Uint8Array[],
  clock: () => Date = () => new Date(),
): Promise<TimeStamper> => {
  const key = await importPrivateKey(credential.privateKey)
  const chain = [credential.certificate, ...issuers]
  return {
    stamp: async (digest) => {
      // TSTInfo (RFC 3161): version, policy, message imprint, serial number, time, accuracy of a second
      const content = sequence(
        smallInteger(1),
        oid(OID.tsaPolicy),
        sequence(sequence(oid(OID.sha256)), octetString(digest)),
        unsignedInteger(serial()),
        generalizedTime(clock()),
        sequence(smallInteger(1)),
      )
      return signedData(chain, key, await sha256(content), { contentType: OID.tstInfo, content })
    },
  }
}

const serial = () => {
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[0] = (b[0]! & 0x7f) | 0x10
  return b
}
