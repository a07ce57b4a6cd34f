import { count } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditEvents, calendarDays, executors, orders } from '../../src/db/schema'
import { builtInTemplate } from '../../src/documents/builtin-templates'
import { LIMITS } from '../../src/domain/limits'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'
import { approverId, director } from '../support/people'

const NOWHERE = '7d1e3c1a-0000-4000-8000-000000000000'

// issue 23: each of these answered 500 (or a silent default); now a 4xx naming the problem, nothing stored
describe.each(testDatabases())('the attack round’s 500s are 4xx ($name)', ({ open }) => {
  const h = useHarness(open)
  const clerk = () => h.orgs[0]!.clerk
  const stored = async () => {
    const db = h.database.db
    const n = async (t: typeof orders | typeof auditEvents | typeof calendarDays | typeof executors) =>
      (await db.select({ n: count() }).from(t))[0]!.n
    return {
      orders: await n(orders),
      events: await n(auditEvents),
      days: await n(calendarDays),
      executors: await n(executors),
    }
  }
  const draft = async () =>
    (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent() })).body.id as string
  // more than the sheet holds is refused by the request's shape, before anyone is looked up: ids suffice
  const people = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ userId: approverId(from + i) }))
  // at the bound, every one an account of the organization
  const accounts = async (n: number, from = 0) =>
    Promise.all(
      Array.from({ length: n }, async (_, i) => ({
        userId: (
          await h.addPerson({
            name: `Согласующий ${from + i} Проверочный`,
            position: 'Методист',
            email: `bound${from + i}@test.local`,
            role: 'approver',
          })
        ).userId,
      })),
    )

  it(`a route of more approvers than the sheet holds (${LIMITS.route.approvers}) is 422, the order stays a draft`, async () => {
    const id = await draft()
    const signer = director()
    const tooMany = [
      { steps: [people(45)], signer },
      { approvers: people(45), signer },
      // every step together: two steps of 30 make 60 lines
      { steps: [people(30), people(30, 30)], signer },
    ]
    for (const body of tooMany) {
      const res = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk(), body })
      expect(res.status, JSON.stringify(res.body)).toBe(422)
      expect(JSON.stringify(res.body.error.details)).toContain(String(LIMITS.route.approvers))
    }
    expect((await h.call('GET', `/api/orders/${id}`, { token: clerk() })).body.status).toBe('draft')
    // at the bound, the signing file renders
    const atBound = await h.call('POST', `/api/orders/${id}/submit`, {
      token: clerk(),
      body: { steps: [await accounts(LIMITS.route.approvers - 1), await accounts(1, 100)], signer },
    })
    expect(atBound.status, JSON.stringify(atBound.body)).toBe(200)
  })

  it('a report or a deadline at 9999-12-31 is 422 in Russian; a deadline written past the years is not a date', async () => {
    const controller = h.orgs[0]!.controller
    for (const format of ['json', 'csv', 'xlsx', 'pdf']) {
      const res = await h.call('GET', `/api/reports/discipline?from=9999-12-31&to=9999-12-31&format=${format}`, {
        token: controller,
      })
      expect(res.status, res.text).toBe(422)
      expect(res.body.error.details).toContainEqual(
        expect.objectContaining({ path: 'from', message: 'год вне 1900–2199' }),
      )
    }
    const ref = await h.call('POST', '/api/deadlines/parse', {
      token: clerk(),
      body: { text: 'в течение месяца', reference: '9999-12-31' },
    })
    expect(ref.status).toBe(422)
    expect(ref.body.error.details).toContainEqual(expect.objectContaining({ path: 'reference' }))
    const far = await h.call('POST', '/api/deadlines/parse', { token: clerk(), body: { text: 'до 31.12.9999' } })
    expect(far.status).toBe(200)
    expect(far.body).toMatchObject({ kind: 'unknown', due: null, controlDue: null })
    expect(far.body.problems[0].code).toBe('invalid_date')
  })

  it('PUT /api/calendar with one day twice is 422 naming the second, nothing stored', async () => {
    const before = await stored()
    const res = await h.call('PUT', '/api/calendar', {
      token: h.orgs[0]!.admin,
      body: {
        days: [
          { day: '2026-05-04', working: true },
          { day: '2026-05-04', working: false },
        ],
      },
    })
    expect(res.status, res.text).toBe(422)
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'days.1.day', message: 'день 2026-05-04 указан дважды' }),
    ])
    expect(await stored()).toEqual(before)
  })

  it('an organization that does not exist is 404 to the installation admin, for changes and reads alike', async () => {
    const root = await h.installationAdmin()
    const before = await stored()
    const changes: [string, string, unknown][] = [
      ['PUT', '/api/calendar', { organizationId: NOWHERE, days: [{ day: '2026-05-04', working: true }] }],
      ['PUT', '/api/control-practice', { organizationId: NOWHERE, urgentDays: 2 }],
      ['POST', '/api/executors', { organizationId: NOWHERE, name: 'Иванов И.И.', kind: 'person' }],
    ]
    for (const [method, path, body] of changes) {
      const res = await h.call(method, path, { token: root, body })
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(404)
      expect(res.body.error.message).toBe('Организация не найдена')
    }
    const form = new FormData()
    form.append('organizationId', NOWHERE)
    form.append('email', 'x@test.local')
    form.append('password', 'x')
    form.append('file', new Blob([new Uint8Array([48, 3, 2, 1, 3])]), 'key.p12')
    const upload = await h.app.request('/api/signing/credentials', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${root}` },
    })
    expect(upload.status).toBe(404)
    for (const path of [
      `/api/calendar?year=2026&organizationId=${NOWHERE}`,
      `/api/control-practice?organizationId=${NOWHERE}`,
    ]) {
      const res = await h.call('GET', path, { token: root })
      expect(res.status, `GET ${path}: ${res.text}`).toBe(404)
      // the id asked for is not repeated back
      expect(res.text).not.toContain(NOWHERE)
    }
    expect(await stored()).toEqual(before)
  })

  it('GET /api/control-practice answers the organization named, and only to who may see it', async () => {
    const root = await h.installationAdmin()
    const other = h.orgs[1]!
    const put = await h.call('PUT', '/api/control-practice', {
      token: root,
      body: { organizationId: other.id, urgentDays: 5 },
    })
    expect(put.status, put.text).toBe(200)
    const read = await h.call('GET', `/api/control-practice?organizationId=${other.id}`, { token: root })
    expect(read.status).toBe(200)
    expect(read.body.urgentDays).toBe(5)
    // the first organization's own practice is untouched and is what its admin reads
    const own = await h.call('GET', '/api/control-practice', { token: h.orgs[0]!.admin })
    expect(own.body.urgentDays).not.toBe(5)
    const foreign = await h.call('GET', `/api/control-practice?organizationId=${other.id}`, { token: h.orgs[0]!.admin })
    expect(foreign.status).toBe(403)
  })

  it('a 404 of an order does not repeat the id sent', async () => {
    const res = await h.call('GET', `/api/orders/${NOWHERE}`, { token: clerk() })
    expect(res.status).toBe(404)
    expect(res.text).not.toContain(NOWHERE)
  })

  it('a templateId not of the organization, or of another kind, is 422 on create and on update', async () => {
    const upload = async (org: number, kind: 'prikaz' | 'rasporyazhenie') => {
      const form = new FormData()
      form.set('file', new File([builtInTemplate(kind) as BlobPart], 't.docx'))
      form.set('kind', kind)
      form.set('name', `Шаблон ${kind}`)
      const res = await h.app.request('/api/templates', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${h.orgs[org]!.admin}` },
      })
      expect(res.status).toBe(201)
      return (await res.json()).id as string
    }
    const own = await upload(0, 'prikaz')
    const ownOtherKind = await upload(0, 'rasporyazhenie')
    const foreign = await upload(1, 'prikaz')
    const id = await draft()
    const before = await stored()
    for (const templateId of [NOWHERE, 'not-a-uuid', foreign, ownOtherKind]) {
      for (const [method, path] of [
        ['POST', '/api/orders'],
        ['PUT', `/api/orders/${id}`],
      ] as const) {
        const res = await h.call(method, path, { token: clerk(), body: sampleContent({ templateId }) })
        expect(res.status, `${method} ${templateId}`).toBe(422)
        expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'templateId' })])
      }
    }
    expect(await stored()).toEqual(before)
    expect(
      (await h.call('POST', '/api/orders', { token: clerk(), body: sampleContent({ templateId: own }) })).status,
    ).toBe(201)
    expect(
      (await h.call('PUT', `/api/orders/${id}`, { token: clerk(), body: sampleContent({ templateId: own }) })).status,
    ).toBe(200)
  })

  it('names that differ only by invisible characters are one name: the directory refuses the look-alike', async () => {
    const admin = h.orgs[0]!.admin
    const first = await h.call('POST', '/api/executors', {
      token: admin,
      body: { name: 'Сидорова А.А.', kind: 'person' },
    })
    expect(first.status).toBe(201)
    for (const name of [
      'Сидо\u00adрова А.А.',
      'Сидорова\u3164 А.А.',
      `Сидорова А.А.${String.fromCodePoint(0xe0041)}`,
    ]) {
      const res = await h.call('POST', '/api/executors', { token: admin, body: { name, kind: 'person' } })
      expect(res.status, JSON.stringify(name)).toBe(409)
    }
  })
})
