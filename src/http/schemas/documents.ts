import { z } from '@hono/zod-openapi'
import { OrderKind } from '../../domain/content'
import { Day, Id, Items, Timestamp } from './common'

/** What the document routes answer in JSON: templates, a verification report, a credential stored. */
export const Template = z
  .object({
    id: z.string(),
    kind: OrderKind,
    name: z.string(),
    builtIn: z.boolean(),
    sha256: z.string().optional(),
    createdAt: Timestamp.optional(),
  })
  .meta({ id: 'Template' })
export const Templates = Items(Template).meta({ id: 'Templates' })

export const SignatureCheck = z
  .object({
    index: z.number().int(),
    valid: z.boolean(),
    problems: z.array(z.string()),
    subFilter: z.string(),
    kind: z.enum(['signature', 'timestamp']),
    signer: z.record(z.string(), z.unknown()).optional(),
    signedAt: Timestamp.optional(),
    timeStamped: z.boolean(),
    trusted: z.boolean(),
    level: z.enum(['B-B', 'B-T', 'B-LT']),
    coveredUntil: z.number().int(),
    coversWholeFile: z.boolean(),
  })
  .meta({ id: 'SignatureCheck' })

const Ours = z
  .object({ orderId: Id, title: z.string(), number: z.string().nullable(), date: Day.nullable(), stage: z.string() })
  .nullable()
  .meta({ description: 'the order the file is a rendering of, when it is one of ours' })

export const Verification = z
  .union([
    z.object({ kind: z.enum(['not-pdf', 'damaged']), message: z.string(), ours: z.null() }),
    z.object({
      kind: z.literal('pdf'),
      size: z.number().int(),
      sha256: z.string(),
      signatures: z.array(SignatureCheck),
      changedAfterLastSignature: z.boolean(),
      allValid: z.boolean(),
      overall: z.enum(['valid', 'invalid']),
      reasons: z.array(z.string()),
      ours: Ours,
    }),
  ])
  .meta({ id: 'Verification' })

export const CredentialStored = z
  .object({
    holder: z.string(),
    commonName: z.string(),
    serialNumber: z.string(),
    issuer: z.string(),
    notBefore: Timestamp,
    notAfter: Timestamp,
  })
  .meta({ id: 'CredentialStored' })
