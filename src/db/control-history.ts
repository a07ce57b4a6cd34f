import { asc, inArray } from 'drizzle-orm'
import type { Db } from './client'
import { controlEvents } from './schema'

/** The histories of several items in one query (the executor's page shows every item's). */
export const listControlHistories = (db: Db, itemIds: string[]) =>
  itemIds.length
    ? db
        .select({
          itemId: controlEvents.itemId,
          seq: controlEvents.seq,
          kind: controlEvents.kind,
          fromState: controlEvents.fromState,
          toState: controlEvents.toState,
          oldDue: controlEvents.oldDue,
          newDue: controlEvents.newDue,
          text: controlEvents.text,
          actorName: controlEvents.actorName,
          at: controlEvents.at,
        })
        .from(controlEvents)
        .where(inArray(controlEvents.itemId, itemIds))
        .orderBy(asc(controlEvents.seq))
    : Promise.resolve([])
