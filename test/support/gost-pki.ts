import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

/**
 * A test «accredited» CA and qualified certificates under it, made by `openssl` with Debian's GOST engine the
 * way a CA's software makes them (GOST R 34.10-2012 keys, СНИЛС in the subject as OID 1.2.643.100.3), and
 * signatures made as an outside tool makes them: `openssl cms -sign -engine gost -binary -md md_gost12_256`.
 */

const openssl = (args: string[], cwd?: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 })

const CA_CONFIG = `[ca]
default_ca = tca
[tca]
dir = .
database = ./index.txt
new_certs_dir = ./certs
serial = ./serial
crlnumber = ./crlnumber
default_md = md_gost12_256
policy = any
unique_subject = no
copy_extensions = none
default_crl_days = 30
[any]
commonName = supplied
[signing]
keyUsage = critical,digitalSignature,nonRepudiation
[encipherment]
keyUsage = critical,keyEncipherment
`

const derOf = (pemFile: string, kind: 'x509' | 'crl') =>
  new Uint8Array(openssl([kind, '-in', pemFile, '-outform', 'DER']))

const stamp = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`

export type GostPerson = {
  /** DER */
  certificate: Uint8Array
  certificateFile: string
  keyFile: string
  /** a detached CMS over `content` (DER), as `openssl cms -sign -engine gost` makes it; `attached` keeps the content in */
  sign: (content: Uint8Array, options?: { attached?: boolean; md?: string }) => Uint8Array
}

export type GostCa = {
  /** DER */
  certificate: Uint8Array
  certificateFile: string
  issue: (options: {
    commonName: string
    snils?: string
    inn?: string
    notBefore?: Date
    notAfter?: Date
    usage?: 'signing' | 'encipherment'
    bits?: 256 | 512
  }) => GostPerson
  revoke: (person: GostPerson) => void
  /** the CA's current CRL, DER */
  crl: () => Uint8Array
}

const root = mkdtempSync(join(tmpdir(), 'orders-gost-pki-'))
let made = 0

const newKey = (file: string, bits: 256 | 512) =>
  openssl(['genpkey', '-engine', 'gost', '-algorithm', `gost2012_${bits}`, '-pkeyopt', 'paramset:A', '-out', file])

const signWith =
  (dir: string, cert: string, key: string): GostPerson['sign'] =>
  (content, options = {}) => {
    const n = made++
    const input = join(dir, `content-${n}.bin`)
    const output = join(dir, `signature-${n}.der`)
    writeFileSync(input, content)
    openssl([
      'cms',
      '-sign',
      '-engine',
      'gost',
      '-binary',
      '-md',
      options.md ?? 'md_gost12_256',
      ...(options.attached ? ['-nodetach'] : []),
      '-in',
      input,
      '-signer',
      cert,
      '-inkey',
      key,
      '-outform',
      'DER',
      '-out',
      output,
    ])
    return new Uint8Array(readFileSync(output))
  }

/** A self-signed GOST CA in a directory of its own (an `openssl ca` database, so it can revoke and publish CRLs). */
export const makeGostCa = (commonName: string): GostCa => {
  const dir = join(root, `ca-${made++}`)
  mkdirSync(join(dir, 'certs'), { recursive: true })
  writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG)
  writeFileSync(join(dir, 'index.txt'), '')
  writeFileSync(join(dir, 'serial'), `${randomBytes(8).toString('hex').replace(/^./, '4')}\n`)
  writeFileSync(join(dir, 'crlnumber'), '01\n')
  const key = join(dir, 'ca.key')
  const cert = join(dir, 'ca.pem')
  newKey(key, 256)
  openssl([
    'req',
    '-engine',
    'gost',
    '-new',
    '-x509',
    '-key',
    key,
    '-days',
    '3650',
    '-utf8',
    '-subj',
    `/CN=${commonName}/O=Тестовый аккредитованный УЦ`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    cert,
  ])
  const ca = ['-engine', 'gost', '-config', 'ca.cnf', '-cert', cert, '-keyfile', key]
  return {
    certificate: derOf(cert, 'x509'),
    certificateFile: cert,
    issue: ({ commonName: cn, snils, inn, notBefore, notAfter, usage = 'signing', bits = 256 }) => {
      const n = made++
      const personKey = join(dir, `person-${n}.key`)
      const csr = join(dir, `person-${n}.csr`)
      const personCert = join(dir, `person-${n}.pem`)
      newKey(personKey, bits)
      const subject = `/CN=${cn}${snils ? `/SNILS=${snils}` : ''}${inn ? `/INN=${inn}` : ''}`
      openssl(['req', '-engine', 'gost', '-new', '-key', personKey, '-utf8', '-subj', subject, '-out', csr])
      const from = notBefore ?? new Date(Date.now() - 24 * 3600 * 1000)
      const to = notAfter ?? new Date(Date.now() + 365 * 24 * 3600 * 1000)
      openssl(
        [
          'ca',
          ...ca,
          '-batch',
          '-utf8',
          '-preserveDN',
          '-extensions',
          usage,
          '-startdate',
          stamp(from),
          '-enddate',
          stamp(to),
          '-in',
          csr,
          '-out',
          personCert,
        ],
        dir,
      )
      return {
        certificate: derOf(personCert, 'x509'),
        certificateFile: personCert,
        keyFile: personKey,
        sign: signWith(dir, personCert, personKey),
      }
    },
    revoke: (person) => {
      openssl(['ca', ...ca, '-revoke', person.certificateFile], dir)
    },
    crl: () => {
      const out = join(dir, `crl-${made++}.pem`)
      openssl(['ca', ...ca, '-gencrl', '-out', out], dir)
      return derOf(out, 'crl')
    },
  }
}

/** A detached CMS over `content` by a key that is not GOST (RSA or ECDSA P-256): what a GOST check refuses. */
export const foreignSignature = (content: Uint8Array, kind: 'rsa' | 'ec'): Uint8Array => {
  const dir = join(root, `foreign-${made++}`)
  mkdirSync(dir)
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  const keyArgs = kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']
  openssl([
    'req',
    '-x509',
    ...keyArgs,
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '30',
    '-subj',
    '/CN=Чужой',
    '-utf8',
  ])
  return signWith(dir, cert, key)(content, { md: 'sha256' })
}

/** `openssl cms -verify -engine gost` of a stored `.sig` over `content`, anchored at `caFile`: true when it verifies. */
export const opensslVerifies = (signature: Uint8Array, content: Uint8Array, caFile: string) => {
  const dir = join(root, `verify-${made++}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'sig.der'), signature)
  writeFileSync(join(dir, 'content.bin'), content)
  try {
    openssl([
      'cms',
      '-verify',
      '-engine',
      'gost',
      '-binary',
      '-inform',
      'DER',
      '-in',
      join(dir, 'sig.der'),
      '-content',
      join(dir, 'content.bin'),
      '-CAfile',
      caFile,
      '-purpose',
      'any',
      '-out',
      join(dir, 'out.bin'),
    ])
    return true
  } catch {
    return false
  }
}
