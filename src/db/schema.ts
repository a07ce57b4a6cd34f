import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  check,
  boolean,
  customType,
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import {
  AWAITING_REPORT_STATES,
  CONTROL_ITEM_STATES,
  OPEN_STATES,
  type ControlItemContext,
  type ControlItemState,
} from '../../workflows/control-item.machine'
import type { OrderContent } from '../domain/content'
import type { ControlPractice } from '../domain/control-practice'
import type { Directives, Letterhead, LogoMediaType } from '../domain/letterhead'
import type { ParsedDeadline } from '../domain/deadline-words'
import { ORDER_STATES, type OrderState } from '../../workflows/order.machine'

/** `column in ('a', 'b')`: a check constraint from a list the code owns, so the column cannot drift from it. */
const oneOf = (column: AnyPgColumn, values: readonly string[]) =>
  sql`${column} in (${sql.join(
    values.map((v) => sql.raw(`'${v.replace(/'/g, "''")}'`)),
    sql`, `,
  )})`

const id = () => uuid('id').primaryKey().defaultRandom()
const createdAt = (name = 'created_at') => timestamp(name, { withTimezone: true }).notNull().defaultNow()

export const organizations = pgTable('organizations', {
  id: id(),
  name: jsonb('name').$type<string[]>().notNull(),
  parent: jsonb('parent').$type<string[]>(),
  place: text('place'),
  shortName: text('short_name'),
  // whether each approver's visa is a PAdES signature on the file (on by default); off: the approval is recorded only
  signVisas: boolean('sign_visas').notNull().default(true),
  // the profile (migration 0022): the kinds of document it issues, their directive words, the signer a new order
  // names unless it says otherwise, the emblem (organization_logos.sha256) printed above the letterhead
  kinds: jsonb('kinds').$type<OrderContent['kind'][]>().notNull().default(['prikaz', 'rasporyazhenie']),
  directives: jsonb('directives').$type<Directives>().notNull().default({}),
  defaultSignerId: uuid('default_signer_id').references((): AnyPgColumn => users.id),
  logoSha256: text('logo_sha256'),
  createdAt: createdAt(),
})

export const users = pgTable(
  'users',
  {
    id: id(),
    // null only for the installation's admin, who sees every organization
    organizationId: uuid('organization_id').references(() => organizations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    position: text('position'),
    role: text('role').$type<'admin' | 'clerk' | 'controller' | 'director' | 'approver'>().notNull(),
    passwordHash: text('password_hash').notNull(),
    // set when an admin disabled the person: no sign-in, no token, no decision, their certificate revoked
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    // СНИЛС (11 digits) and ИНН (12) as a qualified certificate names its owner: a КЭП is matched to the account by them
    snils: text('snils'),
    inn: text('inn'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
)

/** One-time set-password links an admin issues (0022): stored as hashes, expiring, used once. */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
})

export const apiTokens = pgTable('api_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  // what a person names a session of theirs by (GET/DELETE /api/auth/sessions): never the token or its hash
  id: uuid('id').notNull().defaultRandom().unique('api_tokens_id_key'),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
})

export const orders = pgTable(
  'orders',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<OrderContent['kind']>().notNull(),
    // the machine's state: derived by the database from the snapshot (its one source), a column to filter and index on
    status: text('status').$type<OrderState>().notNull().generatedAlwaysAs(sql`snapshot ->> 'value'`),
    title: text('title').notNull(),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<{ value: OrderState; context: unknown }>().notNull(),
    machineVersion: integer('machine_version').notNull(),
    number: text('number'),
    date: date('date', { mode: 'string' }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    // SHA-256 of the stored file the next signature goes on: pinned at submission, advanced by each signature
    documentSha256: text('document_sha256'),
    // PAdES level the stored signed file reached (B-T once time-stamped, B-LTA once sealed with the DSS and
    // the document time-stamp; B-LT: sealed before B-LTA)
    signatureLevel: text('signature_level').$type<'B-B' | 'B-T' | 'B-LT' | 'B-LTA'>(),
    // stored as registered from the department's archive (number and date given, kept in the journal): no
    // signature of the service is claimed, its renderings say it is an imported copy (migration 0017)
    imported: boolean('imported').notNull().default(false),
    // head of the order's audit chain; the order's row lock orders its events
    auditHash: text('audit_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: createdAt('updated_at'),
  },
  (t) => [
    // the list, newest first: read backwards, these give `order by created_at desc, id desc` (nulls first,
    // the default of desc) without a sort, and the keyset `(created_at, id) < (…)` as a range of the index
    index('orders_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    // the installation admin's list of every organization's orders
    index('orders_created_idx').on(t.createdAt, t.id),
    index('orders_org_status_idx').on(t.organizationId, t.status),
    // search by registration date (migration 0020)
    index('orders_org_date_idx').on(t.organizationId, t.date),
    check('orders_status_check', oneOf(t.status, ORDER_STATES)),
  ],
)

/** The text search configuration of order search: Russian morphology («дорожной карты» finds «дорожная карта»). */
export const SEARCH_CONFIG = 'russian'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The words of an order's current version, for full-text search. Kept apart from `orders`, whose row
 * changes on every event: the GIN index is then rebuilt only when the content changes. The one place
 * the document's expression is written is `words`, a stored column the database derives from `text`:
 * the GIN index is on that column and the search (src/db/orders.ts) matches that column, so the two
 * cannot drift apart and a match never recomputes the vector from the text.
 */
export const orderSearch = pgTable(
  'order_search',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => orders.id),
    // the order's organization, copied here so that a search keeps to it before reading any order
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    text: text('text').notNull(),
    words: tsvector('words')
      .notNull()
      .generatedAlwaysAs(sql.raw(`to_tsvector('${SEARCH_CONFIG}'::regconfig, "text")`)),
  },
  (t) => [index('order_search_words_idx').using('gin', t.words)],
)

export const orderVersions = pgTable(
  'order_versions',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<OrderContent>().notNull(),
    // the organization's profile as the version was saved (0022): a later change of the profile alters no saved
    // version, so a registered order prints what it was signed with; null only for a version written elsewhere
    letterhead: jsonb('letterhead').$type<Letterhead>(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.version] })],
)

/**
 * What each person asked to approve or sign did, kept for every round with the comment and the time.
 * It is a record, never consulted to decide: whose turn it is, whether a step or the approval is done,
 * is the machine's snapshot (`orders.snapshot`, context `steps`, `step`, `approved`, `signer`) alone,
 * which holds only the current round. Both are written by the same step in one transaction.
 */
export const APPROVAL_DECISIONS = ['pending', 'approved', 'returned', 'signed'] as const

export const approvals = pgTable(
  'approvals',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    round: integer('round').notNull(),
    step: integer('step').notNull(),
    role: text('role').$type<'approver' | 'signer'>().notNull(),
    // the account that decides (its session or a code sent to its e-mail); null only for the routes typed by
    // name before migration 0014 that named nobody with an account: those links still decide alone until decided
    userId: uuid('user_id').references(() => users.id),
    // the name, position and e-mail of the account as they were at submission (printed and mailed from here)
    name: text('name').notNull(),
    position: text('position').notNull(),
    email: text('email').notNull(),
    decision: text('decision').$type<(typeof APPROVAL_DECISIONS)[number]>().notNull().default('pending'),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('approvals_order_idx').on(t.orderId, t.round, t.step),
    check('approvals_decision_check', oneOf(t.decision, APPROVAL_DECISIONS)),
  ],
)

export const signingLinks = pgTable(
  'signing_links',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    approvalId: uuid('approval_id')
      .notNull()
      .references(() => approvals.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    // wrong one-time codes entered on this link; at CODE_MAX_TRIES (src/domain/one-time-code.ts) it is locked
    codeFailures: integer('code_failures').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('signing_links_order_idx').on(t.orderId),
    check('signing_links_code_failures_check', sql`${t.codeFailures} >= 0`),
  ],
)

/**
 * The one-time code last sent for a link (when mail is on): only its hash, bound to the link and to the
 * pinned file it was issued for; a new code replaces it, a decision that uses it deletes it.
 */
export const linkCodes = pgTable('link_codes', {
  linkId: uuid('link_id')
    .primaryKey()
    .references(() => signingLinks.id),
  codeHash: text('code_hash').notNull(),
  documentSha256: text('document_sha256').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
})

/**
 * Rate limits counted where every instance of the service sees them (README «Configuration»): hits of a key
 * (a hashed address, account or link) in a fixed window. Old windows are deleted as new ones are counted.
 */
export const rateCounters = pgTable(
  'rate_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
)

export const journals = pgTable('journals', {
  id: id(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  name: text('name').notNull(),
  kind: text('kind').$type<OrderContent['kind']>().notNull(),
  pattern: text('pattern').notNull(),
  start: integer('start').notNull().default(1),
  reset: text('reset').$type<'yearly' | 'never'>().notNull(),
  createdAt: createdAt(),
})

/** One row per journal and year (0 when it never resets); its row lock makes numbers gap-free. */
export const journalCounters = pgTable(
  'journal_counters',
  {
    journalId: uuid('journal_id')
      .notNull()
      .references(() => journals.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journalId, t.year] })],
)

export const registrations = pgTable(
  'registrations',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .unique()
      .references(() => orders.id),
    journalId: uuid('journal_id')
      .notNull()
      .references(() => journals.id),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    // 0 for a main number, k for the litera number seq/k
    litera: integer('litera').notNull().default(0),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    registeredBy: uuid('registered_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('registrations_number_key').on(t.journalId, t.year, t.seq, t.litera),
    // the journal of a calendar year in the order of its numbers (migration 0020)
    index('registrations_journal_date_idx').on(t.journalId, t.date, t.seq, t.litera),
  ],
)

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    orderId: uuid('order_id').references(() => orders.id),
    action: text('action').notNull(),
    actorType: text('actor_type').$type<'user' | 'link' | 'executor' | 'system'>().notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_order_idx').on(t.orderId, t.seq)],
)

/** The head of each organization's audit chain; its row lock orders appends. */
export const auditHeads = pgTable('audit_heads', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  hash: text('hash').notNull(),
  count: integer('count').notNull().default(0),
})

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

/** Emblems of organizations by their bytes' hash: never changed, so a version's letterhead may name one for good. */
export const organizationLogos = pgTable('organization_logos', {
  sha256: text('sha256').primaryKey(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  mediaType: text('media_type').$type<LogoMediaType>().notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: createdAt(),
})

/** Uploaded DOCX templates; the built-in ones live in templates/*.docx. */
export const templates = pgTable('templates', {
  id: id(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  kind: text('kind').$type<OrderContent['kind']>().notNull(),
  name: text('name').notNull(),
  bytes: bytea('bytes').notNull(),
  sha256: text('sha256').notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
})

/**
 * Keys and certificates of the organization's own PKI: its CA, a certificate per person who signs, its
 * registration seal and its time-stamp authority. Private keys are sealed with SIGNING_KEY (AES-256-GCM).
 */
export const CREDENTIAL_KINDS = ['ca', 'person', 'seal', 'tsa'] as const

export const signingCredentials = pgTable(
  'signing_credentials',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<(typeof CREDENTIAL_KINDS)[number]>().notNull(),
    // whose key: a person's e-mail in lower case; empty for the organization's own kinds
    holder: text('holder').notNull().default(''),
    commonName: text('common_name').notNull(),
    title: text('title'),
    serialNumber: text('serial_number').notNull(),
    certificate: bytea('certificate').notNull(),
    // the issuers of an uploaded certificate (base64 DER); ours are issued by the organization's CA
    issuers: jsonb('issuers').$type<string[]>().notNull().default([]),
    sealedKey: bytea('sealed_key').notNull(),
    source: text('source').$type<'issued' | 'uploaded'>().notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    // set when the certificate is revoked (its holder disabled): from then on it is on the CA's CRL
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    // RFC 5280 CRLReason by name (src/documents/signing/certificates.ts REVOCATION_REASONS); null: unspecified
    revocationReason: text('revocation_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    check('signing_credentials_kind', oneOf(t.kind, CREDENTIAL_KINDS)),
    check('signing_credentials_holder', sql`(${t.kind} = 'person') = (${t.holder} <> '')`),
    // one CA per organization: two instances starting at once cannot both create one
    uniqueIndex('signing_credentials_one_ca').on(t.organizationId).where(sql`${t.kind} = 'ca'`),
    index('signing_credentials_holder_idx').on(t.organizationId, t.kind, t.holder, t.notAfter),
  ],
)

/**
 * The stages a stored file may be at: `draft` and `registered` are renderings of a version; `signed` (after
 * each signature, `revision` 1, 2, …) and `sealed` (registration added to the signed file) are kept by the
 * signature work. The one list, read by the CHECK below and by the types.
 */
export const RENDERING_STAGES = ['draft', 'registered', 'signed', 'sealed'] as const
export type RenderingStage = (typeof RENDERING_STAGES)[number]
export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

/**
 * Files of an order, stored once per version, stage, format and revision with their SHA-256; never updated.
 * What is served and what is signed are these bytes. A signature only appends to a PDF (an incremental
 * update), so a signed revision and the sealed file keep only what they append (`appended_to`: the `signed`
 * revision of the same order, version and format that they follow) and `sha256` is the hash of the whole file;
 * src/db/renderings.ts puts the file together. PDF and DOCX are compressed already: migration 0011 stores
 * `bytes` uncompressed (STORAGE EXTERNAL), which drizzle cannot declare.
 */
export const renderings = pgTable(
  'renderings',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    version: integer('version').notNull(),
    stage: text('stage').$type<RenderingStage>().notNull(),
    format: text('format').$type<DocumentFormat>().notNull(),
    // 0 for a rendering; the signature work counts the signed files of one version
    revision: integer('revision').notNull().default(0),
    // the bytes stored (the whole file, or what a signed revision appends), in the row or, on the embedded
    // default, in the data directory under `part_sha256` (src/db/file-store.ts)
    bytes: bytea('bytes'),
    partSha256: text('part_sha256'),
    sha256: text('sha256').notNull(),
    appendedTo: integer('appended_to'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.version, t.stage, t.format, t.revision] }),
    // the registry of our files: /verify answers whether a file is one of ours by its hash
    index('renderings_sha256_idx').on(t.sha256),
    check('renderings_stage_check', oneOf(t.stage, RENDERING_STAGES)),
    check('renderings_format_check', oneOf(t.format, DOCUMENT_FORMATS)),
    check('renderings_bytes_kept', sql`${t.bytes} is not null or ${t.partSha256} is not null`),
  ],
)

/** The organization's executors (people and units) that the names written in orders resolve to. */
export const executors = pgTable(
  'executors',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    kind: text('kind').$type<'person' | 'unit'>().notNull(),
    email: text('email'),
    /** the person's account whose session opens the executor's page (issue 27), besides the personal link */
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('executors_org_name_key').on(t.organizationId, sql`lower(${t.name})`),
    uniqueIndex('executors_user_key').on(t.userId).where(sql`${t.userId} is not null`),
    check('executors_kind_check', oneOf(t.kind, ['person', 'unit'])),
  ],
)

/**
 * An executor's personal link (`/x/<token>`): the token only as its SHA-256, never in clear. One live link per
 * executor; a new one revokes the old, whose row stays so that the old link answers «отозвана» (410), not «unknown».
 */
export const executorLinks = pgTable(
  'executor_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    executorId: uuid('executor_id')
      .notNull()
      .references(() => executors.id),
    issuedBy: uuid('issued_by').references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('executor_links_live_key').on(t.executorId).where(sql`${t.revokedAt} is null`)],
)

export type ControlItemSource =
  | { kind: 'point'; path: string }
  | { kind: 'row'; appendix: number; row: number; number?: string }
export type WrittenExecutor = { written: string; executorId: string | null }

/**
 * One point or appendix row of a registered order on execution control. The machine's snapshot is the
 * truth; the status is derived from it, the due date and the day of execution copied out of it for the indexes.
 */
export const controlItems = pgTable(
  'control_items',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    source: jsonb('source').$type<ControlItemSource>().notNull(),
    /** "п. 2.1" or "прил. 1, стр. 3" */
    sourceLabel: text('source_label').notNull(),
    text: text('text').notNull(),
    deadlineText: text('deadline_text'),
    deadline: jsonb('deadline').$type<ParsedDeadline>(),
    /** the reference date of the deadline: the order's registration date */
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
    /** the responsible executor as written and as resolved (null: not in the directory) */
    responsible: text('responsible'),
    responsibleId: uuid('responsible_id').references(() => executors.id),
    coExecutors: jsonb('co_executors').$type<WrittenExecutor[]>().notNull().default([]),
    // the machine's state, derived from the snapshot like the order's
    status: text('status').$type<ControlItemState>().notNull().generatedAlwaysAs(sql`snapshot ->> 'value'`),
    snapshot: jsonb('snapshot').$type<{ value: string; context: ControlItemContext }>().notNull(),
    machineVersion: integer('machine_version').notNull(),
    createdAt: createdAt(),
    updatedAt: createdAt('updated_at'),
  },
  (t) => [
    check('control_items_status_check', oneOf(t.status, CONTROL_ITEM_STATES)),
    index('control_items_order_idx').on(t.orderId),
    // the overdue list of one executor: open items of the executor, by due date
    index('control_items_responsible_due_idx')
      .on(t.responsibleId, t.dueDate)
      .where(oneOf(t.status, AWAITING_REPORT_STATES)),
    // co-executors named by directory id, for the same list (jsonb containment)
    index('control_items_co_executors_idx').using('gin', sql`${t.coExecutors} jsonb_path_ops`),
    index('control_items_org_due_idx').on(t.organizationId, t.dueDate),
    // the controller's board: the open items of an organization, earliest due first (the list's own order)
    index('control_items_org_open_due_idx').on(t.organizationId, t.dueDate, t.id).where(oneOf(t.status, OPEN_STATES)),
    // the discipline report of a period: items by the day they fall in (due date, or registration without one),
    // then every column the report counts (drizzle has no INCLUDE), so that a year of items is read from the index alone;
    // migration 0010 adds by hand `control_items_executor_stats` (ndistinct on responsible_id, responsible), which
    // drizzle cannot declare: without it the planner takes every item for its own executor and sorts them on disk
    index('control_items_org_period_idx').on(
      t.organizationId,
      sql`coalesce(${t.dueDate}, ${t.registeredOn})`,
      t.responsibleId,
      t.responsible,
      t.status,
      t.dueDate,
      t.doneOn,
      t.registeredOn,
    ),
  ],
)

/**
 * Monthly tallies of control items, kept by the database (migration 0013: the function `control_item_tally`,
 * the one place an item's status and dates are classed for the discipline report, and statement-level
 * triggers on `control_items` adding each changed row's new contribution and subtracting its old one).
 * One row per organization, month (the first day of the month of the item's due date, or of its
 * registration without one) and responsible executor as stored (id and written name), holding only sums
 * that do not depend on today: the report reads whole past months from here instead of every item.
 * Derived data: never written by the code; a row whose items fell to 0 stays, all zero.
 */
export const controlTallies = pgTable(
  'control_tallies',
  {
    organizationId: uuid('organization_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    responsibleId: uuid('responsible_id'),
    responsible: text('responsible'),
    items: integer('items').notNull(),
    onTime: integer('on_time').notNull(),
    late: integer('late').notNull(),
    /** days late, summed over the items done late */
    lateDays: integer('late_days').notNull(),
    removed: integer('removed').notNull(),
    /** items awaiting a report that have a due date: overdue once their due date is past */
    awaitingDue: integer('awaiting_due').notNull(),
    /** their due dates as day numbers (days since 2000-01-01), summed: overdue days at `today` = count × today − this */
    awaitingDueDays: bigint('awaiting_due_days', { mode: 'number' }).notNull(),
    /** the other open items: reported (awaiting a decision), or awaiting a report without a due date */
    openOther: integer('open_other').notNull(),
  },
  (t) => [
    unique('control_tallies_key').on(t.organizationId, t.month, t.responsibleId, t.responsible).nullsNotDistinct(),
  ],
)

/** What happened to a control item: reports, decisions, extensions (old and new due), removals. */
export const controlEvents = pgTable(
  'control_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => controlItems.id),
    kind: text('kind')
      .$type<
        | 'reported'
        | 'contributed'
        | 'accepted'
        | 'returned'
        | 'extended'
        | 'removed'
        | 'reopened'
        | 'rolled_over'
        | 'extension_requested'
        | 'extension_refused'
      >()
      .notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    oldDue: date('old_due', { mode: 'string' }),
    newDue: date('new_due', { mode: 'string' }),
    /** the report's text, the comment, or the reason */
    text: text('text'),
    fileName: text('file_name'),
    fileType: text('file_type'),
    fileBytes: bytea('file_bytes'),
    actorId: uuid('actor_id').references(() => users.id),
    /** the directory executor who acted (a report by link or by their account), when it was one */
    executorId: uuid('executor_id').references(() => executors.id),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('control_events_item_idx').on(t.itemId, t.seq)],
)

/** The files of a report (or a co-executor's contribution): the bytes with their SHA-256, stored with the report. */
export const controlFiles = pgTable(
  'control_files',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => controlItems.id),
    eventSeq: bigint('event_seq', { mode: 'number' })
      .notNull()
      .references(() => controlEvents.seq),
    /** the name as sent, checked (no path, no formula lead); served back as an attachment */
    name: text('name').notNull(),
    /** the type the bytes are, not the one the client claimed */
    type: text('type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('control_files_item_idx').on(t.itemId, t.eventSeq)],
)

export const EXTENSION_REQUEST_STATES = ['pending', 'granted', 'refused'] as const

/** An executor's request for more time on an item; at most one pending per item; the controller decides it. */
export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => controlItems.id),
    executorId: uuid('executor_id')
      .notNull()
      .references(() => executors.id),
    due: date('due', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<(typeof EXTENSION_REQUEST_STATES)[number]>().notNull().default('pending'),
    grantedDue: date('granted_due', { mode: 'string' }),
    comment: text('comment'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('extension_requests_item_idx').on(t.itemId, t.createdAt),
    uniqueIndex('extension_requests_pending_key').on(t.itemId).where(sql`${t.status} = 'pending'`),
    check('extension_requests_status_check', oneOf(t.status, EXTENSION_REQUEST_STATES)),
  ],
)

/**
 * The указатель рассылки of a registered order: every addressee (an executor it names, or one the clerk adds)
 * with its delivery: sent, opened (the page seen), confirmed (получено / ознакомлен). `mustRead`: on the лист
 * ознакомления.
 */
export const orderAddressees = pgTable(
  'order_addressees',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    executorId: uuid('executor_id').references(() => executors.id),
    name: text('name').notNull(),
    email: text('email'),
    mustRead: boolean('must_read').notNull().default(false),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('order_addressees_executor_key').on(t.orderId, t.executorId).where(sql`${t.executorId} is not null`),
  ],
)

/** An organization's changes to the built-in production calendar: a day made working or non-working. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    day: date('day', { mode: 'string' }).notNull(),
    working: boolean('working').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day] })],
)

/** An organization's record-keeping practice for due dates; the default applies while there is no row. */
export const controlPractices = pgTable('control_practices', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  practice: jsonb('practice').$type<ControlPractice>().notNull(),
  updatedAt: createdAt('updated_at'),
})

/** Every reminder sent: one per item and day to its executor, one summary per controller and day. */
export const reminders = pgTable(
  'reminders',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<'executor' | 'summary'>().notNull(),
    itemId: uuid('item_id').references(() => controlItems.id),
    recipient: text('recipient').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reminders_item_day_key').on(t.itemId, t.day).where(sql`${t.kind} = 'executor'`),
    uniqueIndex('reminders_summary_day_key').on(t.organizationId, t.recipient, t.day).where(sql`${t.kind} = 'summary'`),
  ],
)

/**
 * Letters waiting for SMTP, written in the transaction of the event that causes them (a submission, a decision):
 * the letter leaves only if that event committed. The letter (recipient, subject, text) is sealed with the
 * service's key protector, since a text may carry a signing link whose token must never rest in clear.
 * A sender claims a row by setting `sending_at`, and sets `sent_at` once the SMTP server accepted it.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    // null for a letter of no order (a set-password link, 0022)
    orderId: uuid('order_id').references(() => orders.id),
    sealed: bytea('sealed').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sendingAt: timestamp('sending_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_unsent_idx').on(t.createdAt).where(sql`${t.sentAt} is null`)],
)

/**
 * The trusted list of an organization: certificates of the accredited CAs (loaded one by one or from the official
 * trusted-list XML) under which a qualified signature (КЭП) is accepted. Each is a trust anchor.
 */
export const trustedCertificates = pgTable(
  'trusted_certificates',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    // the subject as @peculiar/x509 writes it: a signer's certificate and a CRL name their issuer so
    subject: text('subject').notNull(),
    commonName: text('common_name').notNull(),
    serialNumber: text('serial_number').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    sha256: text('sha256').notNull(),
    certificate: bytea('certificate').notNull(),
    source: text('source').$type<'certificate' | 'trusted-list'>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('trusted_certificates_org_sha256_key').on(t.organizationId, t.sha256)],
)

/** The newest CRL loaded for each trusted issuer (its signature checked at loading): the serials it revokes. */
export const trustedCrls = pgTable(
  'trusted_crls',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    issuer: text('issuer').notNull(),
    thisUpdate: timestamp('this_update', { withTimezone: true }).notNull(),
    nextUpdate: timestamp('next_update', { withTimezone: true }),
    revokedSerials: jsonb('revoked_serials').$type<string[]>().notNull(),
    sha256: text('sha256').notNull(),
    crl: bytea('crl').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('trusted_crls_org_issuer_key').on(t.organizationId, t.issuer)],
)

/**
 * A signer's qualified signature (КЭП): the detached CAdES `.sig` they made outside the service over the pinned
 * file of `revision` (whose SHA-256 is `document_sha256`), verified and time-stamped by the service (CAdES-T),
 * kept with the order for its package. The certificate's facts are those the ГОСТ Р 7.0.97 mark names.
 */
export const qualifiedSignatures = pgTable(
  'qualified_signatures',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    approvalId: uuid('approval_id')
      .notNull()
      .references(() => approvals.id),
    revision: integer('revision').notNull(),
    documentSha256: text('document_sha256').notNull(),
    signature: bytea('signature').notNull(),
    serialNumber: text('serial_number').notNull(),
    owner: text('owner').notNull(),
    issuer: text('issuer').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    signingTime: timestamp('signing_time', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('qualified_signatures_order_idx').on(t.orderId)],
)

/**
 * The route an organization last sent an order of a kind along: the approvers by step and the signer, as
 * accounts. Offered on the next order's submit form, so the clerk retypes nothing (saved at every submission).
 */
export const savedRoutes = pgTable(
  'saved_routes',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<OrderContent['kind']>().notNull(),
    steps: jsonb('steps').$type<string[][]>().notNull(),
    signerId: uuid('signer_id').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.kind] })],
)
