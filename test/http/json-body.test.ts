import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, useHarness } from '../support/harness'

const [pglite] = testDatabases()

/** Every JSON body is read strictly, whatever JSON media type it is sent as («application/…+json» included). */
describe('JSON bodies sent as a structured-suffix type', () => {
  const h = useHarness(pglite!.open)

  it('bytes that are not UTF-8 are refused (400), not stored with U+FFFD in their place', async () => {
    const json = Buffer.from(JSON.stringify(sampleContent({ title: 'Об утверждении плана XX' })), 'utf8')
    const at = json.indexOf('XX')
    json[at] = 0xc3 // a lead byte followed by an ASCII letter: no UTF-8 sequence
    const res = await h.app.request('/api/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.orgs[0]!.clerk}`, 'content-type': 'application/merge-patch+json' },
      body: json,
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.details).toEqual([expect.objectContaining({ code: 'invalid_utf8' })])
  })
})
