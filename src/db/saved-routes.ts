import { and, eq } from 'drizzle-orm'
import type { Db } from './client'
import { savedRoutes } from './schema'

export type SavedRouteRow = typeof savedRoutes.$inferSelect

/** The organization's route for a kind: the one of the last submission (a newer one replaces it). */
export const saveRoute = (db: Db, row: typeof savedRoutes.$inferInsert) =>
  db
    .insert(savedRoutes)
    .values(row)
    .onConflictDoUpdate({
      target: [savedRoutes.organizationId, savedRoutes.kind],
      set: { steps: row.steps, signerId: row.signerId, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    })

export const findSavedRoute = async (db: Db, organizationId: string, kind: SavedRouteRow['kind']) =>
  (
    await db
      .select()
      .from(savedRoutes)
      .where(and(eq(savedRoutes.organizationId, organizationId), eq(savedRoutes.kind, kind)))
  )[0]
