import { and, asc, eq } from 'drizzle-orm'
import type { Db } from './client'
import { templates } from './schema'

export const insertTemplate = async (db: Db, values: typeof templates.$inferInsert) =>
  (
    await db.insert(templates).values(values).returning({
      id: templates.id,
      kind: templates.kind,
      name: templates.name,
      sha256: templates.sha256,
      createdAt: templates.createdAt,
    })
  )[0]!

export const listTemplates = (db: Db, organizationId?: string) =>
  db
    .select({
      id: templates.id,
      organizationId: templates.organizationId,
      kind: templates.kind,
      name: templates.name,
      sha256: templates.sha256,
      createdAt: templates.createdAt,
    })
    .from(templates)
    .where(organizationId ? eq(templates.organizationId, organizationId) : undefined)
    .orderBy(asc(templates.createdAt))

export const findTemplateBytes = async (db: Db, id: string, organizationId: string, kind: string) =>
  (
    await db
      .select({ bytes: templates.bytes })
      .from(templates)
      .where(and(eq(templates.id, id), eq(templates.organizationId, organizationId), eq(templates.kind, kind as never)))
  )[0]?.bytes

/** A template's kind, when the template exists in the organization (no bytes read). */
export const findTemplateKind = async (db: Db, id: string, organizationId: string) =>
  (
    await db
      .select({ kind: templates.kind })
      .from(templates)
      .where(and(eq(templates.id, id), eq(templates.organizationId, organizationId)))
  )[0]?.kind
