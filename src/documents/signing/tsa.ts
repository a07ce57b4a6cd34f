import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { type Credential, importPrivateKey } from './certificates'
import { contentInfo, signedData, type TimeStamper } from './cms'
import { crypto, OID, sha256, toArrayBuffer } from './crypto'

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
      const tstInfo = new pkijs.TSTInfo({
        version: 1,
        policy: OID.tsaPolicy,
        messageImprint: new pkijs.MessageImprint({
          hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
          hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
        }),
        serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(serial()) }),
        genTime: clock(),
        accuracy: new pkijs.Accuracy({ seconds: 1 }),
      })
      const content = new Uint8Array(tstInfo.toSchema().toBER())
      const sd = await signedData(chain, key, await sha256(content), { contentType: OID.tstInfo, content })
      sd.version = 3 // RFC 5652: eContentType other than id-data
      return contentInfo(sd)
    },
  }
}

const serial = () => {
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[0] = (b[0]! & 0x7f) | 0x10
  return b
}
