import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { useHarness } from '../support/harness'

describe.each(testDatabases())('POST /api/deadlines/parse ($name)', ({ open }) => {
  const h = useHarness(open)

  it('answers the parsed deadline', async () => {
    const res = await h.call('POST', '/api/deadlines/parse', {
      token: h.orgs[0]!.clerk,
      body: { text: 'ноябрь 2024 – май 2025', reference: '2024-09-05' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toStrictEqual({
      text: 'ноябрь 2024 – май 2025',
      kind: 'range',
      dates: ['2024-11-01', '2025-05-31'],
      due: '2025-05-31',
      problems: [],
    })
  })

  it('reads «в течение года» as the school year given', async () => {
    const res = await h.call('POST', '/api/deadlines/parse', {
      token: h.orgs[0]!.controller,
      body: { text: 'в течение года', reference: '2024-09-05', schoolYear: 2024 },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ kind: 'year', due: '2025-08-31', until: '2025-08-31' })
  })

  it('an unknown deadline is a 200 with its problem, not an error', async () => {
    const res = await h.call('POST', '/api/deadlines/parse', {
      token: h.orgs[0]!.clerk,
      body: { text: 'когда-нибудь', reference: '2024-09-05' },
    })
    expect(res.status).toBe(200)
    expect(res.body.kind).toBe('unknown')
    expect(res.body.problems[0].code).toBe('unknown_deadline')
  })

  it('422 for a reference that is not a date, listing every problem; 401 without a token', async () => {
    const bad = await h.call('POST', '/api/deadlines/parse', {
      token: h.orgs[0]!.clerk,
      body: { text: 5, reference: '2025-02-29' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.code).toBe('invalid_input')
    expect(JSON.stringify(bad.body.error.details)).toContain('reference')
    expect(JSON.stringify(bad.body.error.details)).toContain('text')
    const anonymous = await h.call('POST', '/api/deadlines/parse', {
      body: { text: 'срочно', reference: '2024-09-05' },
    })
    expect(anonymous.status).toBe(401)
  })
})
