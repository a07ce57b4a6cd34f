import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeQualified } from '../../../../src/documents/signing/gost/certificate'
import { gostEngineAvailable } from '../../../../src/documents/signing/gost/openssl'
import { type QualifiedCheck, verifyQualifiedSignature } from '../../../../src/documents/signing/gost/qualified'
import { foreignSignature, type GostCa, type GostPerson, makeGostCa } from '../../../support/gost-pki'
import { hasTool } from '../../../support/tools'

const ready = hasTool('openssl') && (await gostEngineAvailable())
if (!ready && process.env.REQUIRE_TOOLS === '1') throw new Error('the GOST engine of openssl is required')

describe.skipIf(!ready)('a qualified (GOST) signature checked against the trusted list', () => {
  const file = new Uint8Array(randomBytes(4000))
  let ca: GostCa
  let director: GostPerson
  const check = (signature: Uint8Array, rest: Partial<QualifiedCheck> = {}) =>
    verifyQualifiedSignature({
      signature,
      content: file,
      trusted: [ca.certificate],
      revoked: [],
      now: new Date(),
      ...rest,
    })

  beforeAll(() => {
    ca = makeGostCa('Тестовый УЦ Казначейства')
    director = ca.issue({ commonName: 'Иванова Мария Петровна', snils: '11223344595', inn: '500100732259' })
  })

  it('accepts a detached signature by openssl cms -sign -engine gost and names the certificate', async () => {
    const v = await check(director.sign(file))
    expect(v.reasons).toEqual([])
    expect(v.valid).toBe(true)
    expect(v.certificate).toMatchObject({ owner: 'Иванова Мария Петровна', snils: '11223344595', inn: '500100732259' })
    expect(v.certificate?.issuer).toBe('Тестовый УЦ Казначейства')
    expect(v.digestAlgorithm).toBe('ГОСТ Р 34.11-2012 (256)')
    expect(Math.abs(v.signingTime!.getTime() - Date.now())).toBeLessThan(60_000)
  })

  it('accepts GOST R 34.10-2012 512 with the 512-bit digest, and a Base64 or PEM body', async () => {
    const long = ca.issue({ commonName: 'Длинный Ключ', snils: '11223344595', bits: 512 })
    const sig = long.sign(file, { md: 'md_gost12_512' })
    expect((await check(sig)).digestAlgorithm).toBe('ГОСТ Р 34.11-2012 (512)')
    expect((await check(sig)).valid).toBe(true)
    const base64 = Buffer.from(sig).toString('base64')
    expect((await check(new Uint8Array(Buffer.from(base64)))).valid).toBe(true)
    const pem = `-----BEGIN CMS-----\r\n${base64.replace(/(.{64})/g, '$1\r\n')}\r\n-----END CMS-----\r\n`
    expect((await check(new Uint8Array(Buffer.from(pem)))).valid).toBe(true)
  })

  it.each([
    ['another file', () => director.sign(new Uint8Array(randomBytes(4000))), /не над этим файлом/],
    ['the file with one more byte', () => director.sign(new Uint8Array([...file, 0])), /не над этим файлом/],
    ['an RSA signature', () => foreignSignature(file, 'rsa'), /не по ГОСТ Р 34\.10-2012/],
    ['an ECDSA signature', () => foreignSignature(file, 'ec'), /не по ГОСТ Р 34\.10-2012/],
    ['an attached CMS', () => director.sign(file, { attached: true }), /присоединённая/],
    ['a truncated DER', () => director.sign(file).subarray(0, 300), /не читается/],
    ['garbage', () => new Uint8Array(randomBytes(600)), /не читается|не в DER/],
    ['nothing', () => new Uint8Array(), /не в DER/],
  ])('refuses %s with its reason', async (_, make, reason) => {
    const v = await check(make())
    expect(v.valid).toBe(false)
    expect(v.reasons.join('; ')).toMatch(reason)
  })

  it('refuses a signature whose value was altered', async () => {
    const sig = director.sign(file)
    sig[sig.length - 5]! ^= 1 // inside the signature value, the last field of the SignerInfo
    const v = await check(sig)
    expect(v.valid).toBe(false)
    expect(v.reasons).toEqual(['значение подписи не сходится с ключом сертификата'])
  })

  it('refuses a CA not in the list, an empty list, and a certificate that only enciphers', async () => {
    const stranger = makeGostCa('Чужой УЦ').issue({ commonName: 'Иванова Мария Петровна', snils: '11223344595' })
    expect((await check(stranger.sign(file))).reasons).toEqual([
      'сертификат выдан удостоверяющим центром, которого нет в списке доверенных',
    ])
    expect((await check(director.sign(file), { trusted: [] })).reasons).toEqual([
      'список доверенных удостоверяющих центров пуст',
    ])
    const cipher = ca.issue({ commonName: 'Шифр', snils: '11223344595', usage: 'encipherment' })
    expect((await check(cipher.sign(file))).reasons).toEqual(['назначение ключа сертификата не допускает подписание'])
  })

  it('refuses an expired certificate and one on a loaded CRL', async () => {
    const old = ca.issue({
      commonName: 'Бывший Директор',
      snils: '11223344595',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    })
    expect((await check(old.sign(file))).reasons.join()).toMatch(/не действовал/)
    const revoked = ca.issue({ commonName: 'Отозванный', snils: '11223344595' })
    const v = describeQualified(revoked.certificate)
    const onList = [{ issuerName: v.issuerName, serialNumber: v.serialNumber }]
    expect((await check(revoked.sign(file), { revoked: onList })).reasons).toEqual([
      'сертификат отозван (он в загруженном списке отзыва)',
    ])
    expect((await check(director.sign(file), { revoked: onList })).valid).toBe(true)
  })

  it('refuses a signing time before the file was pinned or in the future', async () => {
    const sig = director.sign(file)
    const later = new Date(Date.now() + 3600_000)
    expect((await check(sig, { notBefore: later })).reasons.join()).toMatch(/раньше, чем файл был подготовлен/)
    expect((await check(sig, { now: new Date(Date.now() - 3600_000) })).reasons.join()).toMatch(/ещё не наступило/)
  })

  it('refuses a body over the size of a detached signature', async () => {
    const v = await check(new Uint8Array(300 * 1024).fill(0x30))
    expect(v.reasons.join()).toMatch(/больше 256 КБ/)
  })
})
