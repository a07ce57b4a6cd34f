import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'orders-p12-'))

/**
 * A key and a self-signed certificate made by openssl, exported as PKCS#12 the way a CA hands one out;
 * `exportOptions` set its iteration counts and which parts are encrypted.
 */
export const makePkcs12 = (
  name: string,
  {
    subject,
    password = 'pw',
    days = 20,
    exportOptions = [],
  }: { subject: string; password?: string; days?: number; exportOptions?: string[] },
) => {
  const [key, cert, p12] = ['key', 'crt', 'p12'].map((ext) => join(dir, `${name}.${ext}`)) as [string, string, string]
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      String(days),
      '-utf8',
      '-subj',
      subject,
    ],
    { stdio: 'pipe' },
  )
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', `pass:${password}`, ...exportOptions],
    { stdio: 'pipe' },
  )
  return new Uint8Array(readFileSync(p12))
}
