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
