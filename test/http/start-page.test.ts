import { describe, expect, it } from 'vitest'
import { testDatabases } from '../support/databases'
import { sampleContent, tokenOf, useHarness } from '../support/harness'
import { approver, director } from '../support/people'
import { signInByForm } from '../support/session'

const piles = (html: string) =>
  [...html.matchAll(/<span class="pile-count">(\d+)<\/span> ([^<]+)<\/a>/g)].map((m) => `${m[2]!.trim()}: ${m[1]}`)

describe.each(testDatabases())('start pages per role ($name)', ({ open }) => {
  const h = useHarness(open)

  it('shows each role what waits for it, and what to do first when nothing does', async () => {
    const clerk = h.orgs[0]!.clerk
    const page = async (email: string) => {
      const { session } = await signInByForm(h.app, email)
      const res = await h.app.request('/start', { headers: { cookie: session } })
      expect(res.status).toBe(200)
      return res.text()
    }
    // nothing yet: the clerk is told to start with a new order, the approver that nobody waits
    expect(await page('clerk0@test.local')).toContain('Начните с <a href="/orders/new">нового приказа</a>')
    expect(await page('p0@test.local')).toContain('Решений от вас сейчас никто не ждёт')

    const create = async () => (await h.call('POST', '/api/orders', { token: clerk, body: sampleContent() })).body.id
    await create() // a draft
    const returned = await create()
    const first = await h.call('POST', `/api/orders/${returned}/submit`, {
      token: clerk,
      body: { steps: [[approver(0)]], signer: director() },
    })
    await h.call('POST', `/api/links/${tokenOf(first.body.links[0].url)}/return`, { body: { comment: 'Уточнить' } })
    const signed = await create()
    const link = (
      await h.call('POST', `/api/orders/${signed}/submit`, { token: clerk, body: { steps: [], signer: director() } })
    ).body.links[0].url
    await h.call('POST', `/api/links/${tokenOf(link)}/sign`)
    // on approval: approver 0 decides first, approver 1 after them
    const waiting = await create()
    await h.call('POST', `/api/orders/${waiting}/submit`, {
      token: clerk,
      body: { steps: [[approver(0)], [approver(1)]], signer: director(1) },
    })

    expect(piles(await page('clerk0@test.local'))).toEqual([
      'черновики: 1',
      'на согласовании и подписании: 1',
      'возвращены на доработку: 1',
      'подписаны — ждут регистрации: 1',
    ])
    const first0 = await page('p0@test.local')
    expect(first0).toContain('Ждут моего решения: 1')
    expect(first0).toContain(`href="/orders/${waiting}"`)
    // not yet the turn of the second step, nor of the signer
    expect(await page('p1@test.local')).toContain('Ждут моего решения: 0')
    expect(await page('dir1@test.local')).toContain('Ждут моего решения: 0')
    // the controller: nothing registered, nothing on control, and told where items come from
    const controller = await page('controller0@test.local')
    expect(piles(controller)).toEqual(['просрочено: 0', 'срок скоро: 0', 'отчёты ждут решения: 0'])
    expect(controller).toContain('Поручения появляются, когда регистрируется приказ')
    // another organization's clerk sees none of organization 0's piles
    expect(piles(await page('clerk1@test.local'))).toEqual([
      'черновики: 0',
      'на согласовании и подписании: 0',
      'возвращены на доработку: 0',
      'подписаны — ждут регистрации: 0',
    ])
    // signing in lands on it
    const signIn = await h.app.request('/', { headers: { cookie: (await signInByForm(h.app)).session } })
    expect(signIn.headers.get('location')).toBe('/start')
  })
})
