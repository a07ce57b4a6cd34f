import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../../src/db/client'
import { migrateDatabase } from '../../src/db/migrate'
import type { OrderContent } from '../../src/domain/content'
import { createRenderPool } from '../../src/documents/render-pool'
import { keyProtector } from '../../src/documents/signing/key-protection'
import { type ServiceContext, type ServiceDeps, systemClock } from '../../src/services/context'
import { createOrder } from '../../src/services/create-order'
import { approveByLink, signByLink } from '../../src/services/decide-by-link'
import { createJournal } from '../../src/services/journals'
import { registerOrder } from '../../src/services/register-order'
import { submitOrder } from '../../src/services/submit-order'
import { createOrganization, createUser } from '../../src/services/users'
import { tinos, readFont } from '../../src/documents/fonts'
import { buildOrderView } from '../../src/documents/order-view'
import { renderPdf } from '../../src/documents/pdf'
import { issueCa, issueCertificate } from '../../src/documents/signing/certificates'
import { keySigner } from '../../src/documents/signing/cms'
import { signPdf } from '../../src/documents/signing/pades'
import { freshPostgresDatabase } from '../support/databases'
import { sampleContent } from '../support/harness'
import { type BenchResult, median } from './measure'

const times = async (runs: number, f: () => unknown) => {
  const xs: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await f()
    xs.push(performance.now() - t)
  }
  return median(xs)
}

/**
 * One invisible signature on a 10-page PDF with an RSA-2048 key: our signPdf (CMS written as DER, pdf-lib's
 * incremental update) against poppler's `pdfsig -add-signature` over NSS on the same file. Neither time-stamps.
 * Medians of 15 rounds each, in one run.
 */
export const signatureVersusPdfsig = async (): Promise<BenchResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sign-'))
  const input = join(dir, 'in.pdf')
  const pagesOf = (file: string) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  /** An order with an appendix of `n` rows, rendered; the rows are adjusted until it has exactly 10 pages. */
  const render = async (n: number) => {
    const rows = Array.from({ length: n }, (_, i) => ({
      cells: [`${i + 1}`, `Мероприятие ${i + 1}`, 'ежемесячно', 'Иванова И.И.'],
    }))
    const content = sampleContent({
      appendices: [
        {
          title: 'План',
          table: {
            columns: [{ title: '№' }, { title: 'Мероприятие' }, { title: 'Срок' }, { title: 'Ответственный' }],
            rows,
          },
        },
      ],
    })
    const bytes = await renderPdf(
      buildOrderView(content, { draft: false, organization: { name: ['ШКОЛА'], place: 'Смоленск' } }),
    )
    writeFileSync(input, bytes)
    return { bytes, pages: pagesOf(input) }
  }
  let rows = 310
  let { bytes: pdf, pages } = await render(rows)
  for (let tries = 0; pages !== 10 && tries < 40; tries++) {
    rows += pages < 10 ? 5 : -5
    ;({ bytes: pdf, pages } = await render(rows))
  }
  if (pages !== 10) throw new Error(`no appendix length gives a 10-page PDF (last: ${pages} pages)`)

  // the baseline's key: RSA-2048 in an NSS database, as pdfsig wants it
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: 'pipe' })
  run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'])
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'k.pem',
    '-out',
    'c.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Bench',
  ])
  run('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    'k.pem',
    '-in',
    'c.pem',
    '-out',
    'b.p12',
    '-passout',
    'pass:x',
    '-name',
    'bench',
  ])
  run('pk12util', ['-i', 'b.p12', '-d', `sql:${dir}`, '-W', 'x'])
  let n = 0
  const pdfsig = () =>
    run('pdfsig', ['-nssdir', `sql:${dir}`, '-add-signature', '-nick', 'bench', input, join(dir, `out${n++}.pdf`)])

  const now = new Date()
  const ca = await issueCa('Bench', now)
  const signer = await keySigner(
    await issueCertificate(ca, 'person', { commonName: 'Bench', organization: 'Bench' }, now),
    [ca.certificate],
  )
  const fonts = { regular: readFont(tinos.normal), bold: readFont(tinos.bold) }
  const ours = () => signPdf(pdf, { signer, fieldName: 'Подпись', signingTime: new Date(), fonts })

  pdfsig()
  await ours()
  const baseline = await times(15, pdfsig)
  const value = await times(15, ours)
  const ratio = value / baseline
  return {
    name: `Signature of a ${pages}-page PDF (RSA-2048): our signPdf vs pdfsig -add-signature (NSS), time ratio`,
    value,
    baseline,
    ratio,
    goal: '<= 2',
    meets: ratio <= 2,
    unit: 'ms',
  }
}

/**
 * The 001 sample (fixture order-226-1) through its whole signing path on PostgreSQL: three visas,
 * the director's signature and registration with its seal, each a PAdES signature with a time-stamp, against
 * rendering the sample's PDF once in the same process. The rendering for signing at submission is left out of
 * the timed part (it is the baseline's own work).
 */
export const signingAndRegistrationVersusRendering = async (baseUrl: string): Promise<BenchResult> => {
  const content = JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/order-226-1.json', import.meta.url)), 'utf8'),
  ) as OrderContent
  const { url, drop } = await freshPostgresDatabase(baseUrl)
  const database = await openDatabase({ url })
  const renderer = createRenderPool({ threads: 1 })
  try {
    await migrateDatabase(database)
    const deps: ServiceDeps = {
      db: database.db,
      clock: systemClock,
      linkTtlDays: 7,
      publicUrl: 'http://bench',
      keys: keyProtector('bench'),
      renderer,
    }
    const admin: ServiceContext = {
      ...deps,
      actor: { type: 'user', id: 'bench', name: 'bench', role: 'admin', organizationId: null },
      meta: {},
    }
    const org = await createOrganization(admin, {
      name: content.organization!.name,
      parent: content.organization!.parent,
      place: content.organization!.place,
    })
    const clerkUser = await createUser(admin, {
      email: 'clerk@bench.test',
      name: 'Клерк',
      role: 'clerk',
      password: 'bench-password',
      organizationId: org.id,
    })
    await createJournal(admin, {
      name: 'Приказы',
      kind: 'prikaz',
      pattern: '{n}',
      reset: 'yearly',
      organizationId: org.id,
    })
    const clerk: ServiceContext = {
      ...deps,
      actor: { type: 'user', id: clerkUser.id, name: 'Клерк', role: 'clerk', organizationId: org.id },
      meta: {},
    }
    // the route's people are accounts; each decides signed in as themselves (a link acts for its person only)
    const account = async (name: string, position: string, email: string, role: 'approver' | 'director') => {
      const made = await createUser(admin, {
        email,
        name,
        position,
        role,
        password: 'bench-password',
        organizationId: org.id,
      })
      const as: ServiceContext = {
        ...deps,
        actor: { type: 'user', id: made.id, name, role, organizationId: org.id },
        meta: {},
      }
      return { ref: { userId: made.id }, as }
    }
    const approvers = await Promise.all(
      [0, 1, 2].map((i) => account(`Согласующий ${i} Иванович`, `Заместитель ${i}`, `p${i}@bench.test`, 'approver')),
    )
    const director = await account(content.signer.name, content.signer.position, 'dir@bench.test', 'director')
    const signingPath = async () => {
      const { id } = await createOrder(clerk, content)
      const { links } = await submitOrder(clerk, id, {
        approvers: approvers.map((a) => a.ref),
        sequential: true,
        signer: director.ref,
      })
      const tokens = links.map((l: { url: string }) => l.url.split('/links/')[1]!)
      const started = performance.now()
      for (const [i, t] of tokens.slice(0, 3).entries()) await approveByLink(approvers[i]!.as, t, {})
      await signByLink(director.as, tokens[3]!, {})
      const registered = await registerOrder(clerk, id, {})
      if (!registered.sealed) throw new Error('the bench order was not sealed')
      return performance.now() - started
    }
    const view = buildOrderView(content, { draft: false, organization: content.organization!, approvalLines: 3 })
    await signingPath() // warm: keys issued, code paths compiled
    await renderPdf(view)
    const values: number[] = []
    const baselines: number[] = []
    for (let i = 0; i < 5; i++) {
      baselines.push(await times(1, () => renderPdf(view)))
      values.push(await signingPath())
    }
    const value = median(values)
    const baseline = median(baselines)
    const ratio = value / baseline
    return {
      name: 'signing plus registration of the 001 sample (3 visas, signature, seal) vs rendering its PDF',
      value,
      baseline,
      ratio,
      goal: '<= 3x',
      meets: ratio <= 3,
      unit: 'ms',
    }
  } finally {
    await renderer.close()
    await database.close()
    await drop()
  }
}
