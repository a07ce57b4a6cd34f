import { z } from '@hono/zod-openapi'
import { OrderKind } from '../../domain/content'
import { DraftContent } from '../../domain/draft'
import { Day, Id, Page, Timestamp } from './common'

/** What the order API answers: an order, its summary in a list, its history, the links of its route. */
export const OrderStatus = z.string().meta({ id: 'OrderStatus', description: 'the order’s state (DESIGN.md)' })

export const OrderRef = z.object({ id: Id, status: OrderStatus, version: z.number().int() }).meta({ id: 'OrderRef' })

export const OrderSummary = z
  .object({
    id: Id,
    kind: OrderKind,
    title: z.string(),
    status: OrderStatus,
    version: z.number().int(),
    number: z.string().nullable(),
    date: Day.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OrderSummary' })
export const OrderList = Page(OrderSummary).meta({ id: 'OrderList' })

export const HistoryEvent = z
  .object({
    seq: z.number().int(),
    action: z.string(),
    at: Timestamp,
    actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    data: z.unknown(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'HistoryEvent' })
export const OrderHistory = z
  .object({ events: z.array(HistoryEvent), nextCursor: z.string().nullable() })
  .meta({ id: 'OrderHistory' })

export const Approval = z
  .object({
    id: Id,
    round: z.number().int(),
    step: z.number().int(),
    role: z.string(),
    name: z.string(),
    position: z.string().nullable(),
    email: z.string().nullable(),
    decision: z.string().nullable(),
    comment: z.string().nullable(),
    decidedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Approval' })

export const Order = z
  .object({
    id: Id,
    organizationId: Id,
    kind: OrderKind,
    status: OrderStatus,
    version: z.number().int(),
    number: z.string().nullable(),
    date: Day.nullable(),
    signedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    allowedActions: z.array(z.string()),
    // a draft's content may be unfinished (DraftContent); submit asks OrderContent of it
    content: DraftContent,
    approvals: z.array(Approval),
    versions: z.array(z.object({ version: z.number().int(), createdAt: Timestamp, createdBy: z.string().nullable() })),
    history: z.array(HistoryEvent),
  })
  .meta({ id: 'Order' })

export const SigningLink = z
  .object({
    role: z.enum(['approver', 'signer']),
    name: z.string(),
    email: z.string().nullable(),
    step: z.number().int(),
    url: z.string(),
    expiresAt: Timestamp,
  })
  .meta({ id: 'SigningLink' })
export const RouteLinks = z.object({ status: OrderStatus, links: z.array(SigningLink) }).meta({ id: 'RouteLinks' })

export const Registration = z
  .object({ number: z.string(), date: Day, sealed: z.boolean() })
  .meta({ id: 'Registration' })
export const Cancelled = z.object({ id: Id, status: OrderStatus }).meta({ id: 'Cancelled' })

export const Problem = z
  .object({ code: z.string(), message: z.string(), path: z.string().optional() })
  .meta({ id: 'Problem' })
export const ContentCheck = z.object({ valid: z.boolean(), problems: z.array(Problem) }).meta({ id: 'ContentCheck' })
export const OrderCheck = z.object({ problems: z.array(Problem) }).meta({ id: 'OrderCheck' })

export const LinkDecision = z.object({ status: OrderStatus }).meta({ id: 'LinkDecision' })
export const CodeSent = z.object({ sentTo: z.string(), expiresAt: Timestamp }).meta({ id: 'CodeSent' })

/** An order of the archive stored as registered with its own number (POST /api/orders/archive). */
export const ArchivedOrder = z
  .object({
    id: Id,
    status: OrderStatus,
    imported: z.boolean(),
    number: z.string(),
    date: Day,
    journalId: Id,
    controlItems: z.number().int().meta({ description: 'how many items went on control' }),
  })
  .meta({ id: 'ArchivedOrder' })

/** The number and date a registration would take now, not taken (GET /api/orders/:id/registration-preview). */
export const RegistrationPreview = z
  .object({
    number: z.string(),
    date: Day,
    journal: z.object({ id: Id, name: z.string() }),
    literaOf: z.string().nullable(),
  })
  .meta({ id: 'RegistrationPreview' })

const RoutePerson = z.object({ userId: Id, name: z.string(), position: z.string() })
/** The route offered on the submit form (GET /api/orders/:id/route-suggestion). */
export const RouteSuggestion = z
  .object({
    steps: z.array(z.array(RoutePerson)),
    signer: RoutePerson.nullable(),
    signerFrom: z.enum(['document', 'saved', 'only']).nullable(),
    saved: z.boolean(),
  })
  .meta({ id: 'RouteSuggestion' })
