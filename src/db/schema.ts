import { sql } from 'drizzle-orm'
import {
  bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core'
import type { OrderContent } from '../domain/content'

const id = () => uuid().primaryKey().defaultRandom()
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()

export const organizations = pgTable('organizations', {
  id: id(),
  name: jsonb().$type<string[]>().notNull(),
  parent: jsonb().$type<string[]>(),
  place: text(),
  shortName: text(),
  createdAt: createdAt(),
})

export const users = pgTable('users', {
  id: id(),
  // null only for the installation's admin, who sees every organization
  organizationId: uuid().references(() => organizations.id),
  email: text().notNull(),
  name: text().notNull(),
  position: text(),
  role: text().$type<'admin' | 'clerk' | 'controller' | 'director'>().notNull(),
  passwordHash: text().notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)])

export const apiTokens = pgTable('api_tokens', {
  tokenHash: text().primaryKey(),
  userId: uuid().notNull().references(() => users.id),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: createdAt(),
})

export const orders = pgTable('orders', {
  id: id(),
  organizationId: uuid().notNull().references(() => organizations.id),
  kind: text().$type<OrderContent['kind']>().notNull(),
  status: text().notNull(),
  title: text().notNull(),
  version: integer().notNull(),
  snapshot: jsonb().$type<{ value: string; context: unknown }>().notNull(),
  machineVersion: integer().notNull(),
  searchText: text().notNull(),
  number: text(),
  date: date({ mode: 'string' }),
  signedAt: timestamp({ withTimezone: true }),
  createdBy: uuid().notNull().references(() => users.id),
  createdAt: createdAt(),
  updatedAt: createdAt(),
}, (t) => [
  index('orders_org_created_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
  index('orders_org_status_idx').on(t.organizationId, t.status),
  index('orders_search_idx').using('gin', sql`to_tsvector('russian', ${t.searchText})`),
])

export const orderVersions = pgTable('order_versions', {
  orderId: uuid().notNull().references(() => orders.id),
  version: integer().notNull(),
  content: jsonb().$type<OrderContent>().notNull(),
  createdBy: uuid().notNull().references(() => users.id),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.orderId, t.version] })])

export const approvals = pgTable('approvals', {
  id: id(),
  orderId: uuid().notNull().references(() => orders.id),
  round: integer().notNull(),
  step: integer().notNull(),
  role: text().$type<'approver' | 'signer'>().notNull(),
  name: text().notNull(),
  position: text().notNull(),
  email: text().notNull(),
  decision: text().$type<'pending' | 'approved' | 'returned' | 'signed'>().notNull().default('pending'),
  comment: text(),
  decidedAt: timestamp({ withTimezone: true }),
}, (t) => [index('approvals_order_idx').on(t.orderId, t.round, t.step)])

export const signingLinks = pgTable('signing_links', {
  id: id(),
  tokenHash: text().notNull().unique(),
  orderId: uuid().notNull().references(() => orders.id),
  approvalId: uuid().notNull().references(() => approvals.id),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('signing_links_order_idx').on(t.orderId)])

export const journals = pgTable('journals', {
  id: id(),
  organizationId: uuid().notNull().references(() => organizations.id),
  name: text().notNull(),
  kind: text().$type<OrderContent['kind']>().notNull(),
  pattern: text().notNull(),
  start: integer().notNull().default(1),
  reset: text().$type<'yearly' | 'never'>().notNull(),
  createdAt: createdAt(),
})

/** One row per journal and year (0 when it never resets); its row lock makes numbers gap-free. */
export const journalCounters = pgTable('journal_counters', {
  journalId: uuid().notNull().references(() => journals.id),
  year: integer().notNull(),
  last: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.journalId, t.year] })])

export const registrations = pgTable('registrations', {
  id: id(),
  orderId: uuid().notNull().unique().references(() => orders.id),
  journalId: uuid().notNull().references(() => journals.id),
  year: integer().notNull(),
  seq: integer().notNull(),
  // 0 for a main number, k for the litera number seq/k
  litera: integer().notNull().default(0),
  number: text().notNull(),
  date: date({ mode: 'string' }).notNull(),
  registeredBy: uuid().notNull().references(() => users.id),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('registrations_number_key').on(t.journalId, t.year, t.seq, t.litera)])

export const auditEvents = pgTable('audit_events', {
  seq: bigserial({ mode: 'number' }).primaryKey(),
  organizationId: uuid().notNull().references(() => organizations.id),
  orderId: uuid().references(() => orders.id),
  action: text().notNull(),
  actorType: text().$type<'user' | 'link' | 'system'>().notNull(),
  actorId: text(),
  actorName: text().notNull(),
  fromState: text(),
  toState: text(),
  data: jsonb().$type<Record<string, unknown>>().notNull(),
  ip: text(),
  userAgent: text(),
  at: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  prevHash: text().notNull(),
  hash: text().notNull(),
}, (t) => [index('audit_order_idx').on(t.orderId, t.seq)])

/** The head of each organization's audit chain; its row lock orders appends. */
export const auditHeads = pgTable('audit_heads', {
  organizationId: uuid().primaryKey().references(() => organizations.id),
  hash: text().notNull(),
  count: integer().notNull().default(0),
})

/** Raw rows written by the registration benchmark's baseline endpoint. */
export const benchRows = pgTable('bench_rows', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  payload: text().notNull(),
  createdAt: createdAt(),
})
