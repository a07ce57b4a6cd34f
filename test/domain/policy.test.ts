import { describe, expect, it } from 'vitest'
import { OrderError } from '../../src/domain/errors'
import { ACTIONS, type Caller, may, mayEver, POLICY, reaches, requireMay } from '../../src/domain/policy'

const installation: Caller = { role: 'admin', organizationId: null }
const orgAdmin: Caller = { role: 'admin', organizationId: 'A' }
const clerk: Caller = { role: 'clerk', organizationId: 'A' }
const controller: Caller = { role: 'controller', organizationId: 'A' }
const director: Caller = { role: 'director', organizationId: 'A' }
const approver: Caller = { role: 'approver', organizationId: 'A' }

describe('the policy map', () => {
  it('lets everyone signed in read, and each role do its own work only', () => {
    for (const c of [installation, orgAdmin, clerk, controller, director, approver]) {
      expect(may(c, 'orders.read')).toBe(true)
      expect(may(c, 'control.read')).toBe(true)
    }
    expect(may(clerk, 'orders.draft')).toBe(true)
    expect(may(controller, 'orders.draft')).toBe(false)
    expect(may(director, 'orders.register')).toBe(false)
    expect(may(controller, 'control.accept')).toBe(true)
    expect(may(clerk, 'control.accept')).toBe(false)
    expect(may(director, 'control.report')).toBe(false)
    expect(may(clerk, 'users.manage')).toBe(false)
    expect(may(controller, 'executors.unresolved')).toBe(true)
    expect(may(clerk, 'executors.unresolved')).toBe(false)
    expect(may(approver, 'reports.discipline')).toBe(false)
  })

  it('lets an admin act in every role, but only the installation admin create organizations', () => {
    for (const action of ACTIONS.filter((a) => a !== 'organizations.create')) {
      expect(may(orgAdmin, action), action).toBe(true)
      expect(may(installation, action), action).toBe(true)
    }
    expect(may(installation, 'organizations.create')).toBe(true)
    expect(may(orgAdmin, 'organizations.create')).toBe(false)
    expect(may(clerk, 'organizations.create')).toBe(false)
  })

  it('lets a director extend and remove only the items of an order they signed', () => {
    expect(may(director, 'control.extend')).toBe(false)
    expect(may(director, 'control.extend', { signedTheOrder: false })).toBe(false)
    expect(may(director, 'control.extend', { signedTheOrder: true })).toBe(true)
    expect(may(director, 'control.remove', { signedTheOrder: true })).toBe(true)
    // signing gives no other decision
    expect(may(director, 'control.accept', { signedTheOrder: true })).toBe(false)
    expect(may(director, 'control.reopen', { signedTheOrder: true })).toBe(false)
    // before the record is read, a director may try; a clerk never
    expect(mayEver(director, 'control.extend')).toBe(true)
    expect(mayEver(director, 'control.accept')).toBe(false)
    expect(mayEver(clerk, 'control.extend')).toBe(false)
    expect(mayEver(controller, 'control.extend')).toBe(true)
    expect(mayEver(orgAdmin, 'organizations.create')).toBe(false)
  })

  it('refuses with the action’s own words, in Russian', () => {
    expect(() => requireMay(clerk, 'control.accept')).toThrow(
      new OrderError('forbidden', POLICY['control.accept'].refusal),
    )
    expect(() => requireMay(controller, 'control.accept')).not.toThrow()
    for (const action of ACTIONS) expect(POLICY[action].refusal, action).toMatch(/^[А-ЯЁ][^a-z]*$/)
  })

  it('keeps organizations sealed: only the installation admin reaches another one', () => {
    expect(reaches(clerk, 'A')).toBe(true)
    expect(reaches(clerk, 'B')).toBe(false)
    expect(reaches(orgAdmin, 'B')).toBe(false)
    expect(reaches(installation, 'B')).toBe(true)
    expect(reaches({ role: 'clerk', organizationId: null }, 'B')).toBe(false)
  })
})
