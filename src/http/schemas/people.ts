import { z } from '@hono/zod-openapi'
import { OrderKind } from '../../domain/content'
import { Id, Items, Timestamp } from './common'

/** What the administration answers: accounts, people, organizations, journals, executors, the token. */
export const Role = z.enum(['admin', 'clerk', 'controller', 'director', 'approver']).meta({ id: 'Role' })

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    position: z.string().nullable(),
    role: Role,
    organizationId: Id.nullable(),
  })
  .meta({ id: 'User' })
export const UserChanged = User.extend({
  disabled: z.boolean(),
  disabledAt: Timestamp.nullable(),
  sessionsEnded: z.number().int(),
  certificatesRevoked: z.array(z.string()).meta({ description: 'serial numbers of the certificates revoked' }),
}).meta({ id: 'UserChanged' })

export const Person = z
  .object({
    id: Id,
    name: z.string(),
    email: z.string(),
    position: z.string().nullable(),
    role: Role,
    signs: z.boolean(),
  })
  .meta({ id: 'Person' })
export const People = Items(Person).meta({ id: 'People' })

export const Organization = z
  .object({
    id: Id,
    name: z.array(z.string()),
    parent: z.array(z.string()).nullable(),
    place: z.string().nullable(),
    shortName: z.string().nullable(),
  })
  .meta({ id: 'Organization' })
export const Organizations = Items(Organization).meta({ id: 'Organizations' })

export const Journal = z
  .object({
    id: Id,
    organizationId: Id,
    name: z.string(),
    kind: OrderKind,
    pattern: z.string(),
    start: z.number().int(),
    reset: z.enum(['yearly', 'never']),
  })
  .meta({ id: 'Journal' })
export const Journals = Items(Journal.extend({ nextNumber: z.string() })).meta({ id: 'Journals' })

export const Executor = z
  .object({
    id: Id,
    organizationId: Id,
    name: z.string(),
    kind: z.enum(['person', 'unit']),
    email: z.string().nullable(),
  })
  .meta({ id: 'ExecutorView' })
export const Executors = Items(Executor).meta({ id: 'Executors' })
export const ExecutorRemoved = z.object({ id: Id, removed: z.boolean() }).meta({ id: 'ExecutorRemoved' })
export const UnresolvedExecutors = Items(
  z.object({ organizationId: Id, written: z.string() }).catchall(z.unknown()),
).meta({ id: 'UnresolvedExecutors' })

export const Token = z
  .object({ token: z.string(), expiresAt: Timestamp, user: z.object({ id: Id, name: z.string(), role: Role }) })
  .meta({ id: 'Token' })

export const SigningSettings = z.object({ organizationId: Id, signVisas: z.boolean() }).meta({ id: 'SigningSettings' })

/** The organization's profile as its admin changed it (PATCH /api/organizations/:id). */
export const OrganizationProfile = Organization.extend({
  kinds: z.array(OrderKind),
  directives: z.record(z.string(), z.string()).nullable(),
  defaultSignerId: Id.nullable(),
  logo: z.string().nullable().meta({ description: 'the emblem’s SHA-256, or null' }),
}).meta({ id: 'OrganizationProfile' })

/** One's own password changed: how many other sessions and tokens it ended. */
export const PasswordChanged = z.object({ sessionsEnded: z.number().int() }).meta({ id: 'PasswordChanged' })

export const Session = z
  .object({ id: Id, createdAt: Timestamp, expiresAt: Timestamp, current: z.boolean() })
  .meta({ id: 'Session' })
export const Sessions = Items(Session).meta({ id: 'Sessions' })
export const SessionEnded = z.object({ id: Id, ended: z.boolean() }).meta({ id: 'SessionEnded' })

/** A one-time set-password link: mailed, or (no mail set up) answered once for the admin to hand on. */
export const PasswordReset = z
  .object({ mailed: z.boolean(), url: z.string().optional(), expiresAt: Timestamp })
  .meta({ id: 'PasswordReset' })
