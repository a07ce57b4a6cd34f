import { describe, expect, it } from 'vitest'
import { createAuthenticator, issueToken, TOKEN_MEMORY_MS } from '../../src/services/auth'
import { testDatabases } from '../support/databases'
import { PASSWORD, useHarness } from '../support/harness'

const DAY = 86_400_000

describe.each(testDatabases())('sign-in tokens ($name)', ({ open }) => {
  const h = useHarness(open)
  const later = (start: Date, ms: number) => h.clock.set(new Date(start.getTime() + ms))

  it('signs in by the address as typed, whatever its case and the spaces around it', async () => {
    const { user } = await issueToken(h.deps, { email: '  Clerk0@Test.Local ', password: PASSWORD })
    expect(user).toMatchObject({ name: 'clerk 0', role: 'clerk' })
    await expect(issueToken(h.deps, { email: 'clerk0@test.local', password: `${PASSWORD} ` })).rejects.toMatchObject({
      code: 'unauthenticated',
    })
  })

  it('lets a token in for 30 days and not a moment longer', async () => {
    const start = h.clock.now()
    try {
      const { token, expiresAt } = await issueToken(h.deps, { email: 'clerk0@test.local', password: PASSWORD })
      expect(expiresAt).toBe(new Date(start.getTime() + 30 * DAY).toISOString())
      // a fresh authenticator each time: nothing remembered from an earlier look
      later(start, 30 * DAY - 1)
      expect(await createAuthenticator(h.deps).authenticate(token)).toMatchObject({ type: 'user', role: 'clerk' })
      later(start, 30 * DAY)
      expect(await createAuthenticator(h.deps).authenticate(token)).toBeUndefined()
    } finally {
      h.clock.set(start)
    }
  })

  it('remembers a token for TOKEN_MEMORY_MS (half a second), and forgets it at once on sign-out', async () => {
    const start = h.clock.now()
    try {
      // a token that ends a quarter of a second after it is issued, looked up at once
      const { token } = await issueToken(
        h.deps,
        { email: 'controller0@test.local', password: PASSWORD },
        { ttlMs: 250 },
      )
      const auth = createAuthenticator(h.deps)
      expect(await auth.authenticate(token)).toMatchObject({ role: 'controller' })
      // ended in the database, still remembered until TOKEN_MEMORY_MS since it was looked up
      expect(TOKEN_MEMORY_MS).toBe(500)
      later(start, TOKEN_MEMORY_MS - 1)
      expect(await auth.authenticate(token)).toMatchObject({ role: 'controller' })
      later(start, TOKEN_MEMORY_MS)
      expect(await auth.authenticate(token)).toBeUndefined()
      h.clock.set(start)
      const other = (await issueToken(h.deps, { email: 'admin0@test.local', password: PASSWORD })).token
      expect(await auth.authenticate(other)).toMatchObject({ role: 'admin' })
      await auth.signOut(other)
      expect(await auth.authenticate(other)).toBeUndefined()
    } finally {
      h.clock.set(start)
    }
  })
})
