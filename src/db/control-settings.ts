import { and, eq, gte, lte, sql } from 'drizzle-orm'
import type { ControlPractice } from '../domain/control-practice'
import type { Db } from './client'
import { calendarDays, controlPractices } from './schema'

/** The organization's changes to the built-in production calendar, in a range of days. */
export const listCalendarDays = (db: Db, organizationId: string, range?: { from: string; to: string }) =>
  db
    .select({ day: calendarDays.day, working: calendarDays.working, note: calendarDays.note })
    .from(calendarDays)
    .where(
      and(
        eq(calendarDays.organizationId, organizationId),
        range ? and(gte(calendarDays.day, range.from), lte(calendarDays.day, range.to)) : undefined,
      ),
    )
    .orderBy(calendarDays.day)

export const saveCalendarDays = (
  db: Db,
  organizationId: string,
  days: { day: string; working: boolean; note?: string | null }[],
) =>
  days.length
    ? db
        .insert(calendarDays)
        .values(days.map((d) => ({ organizationId, day: d.day, working: d.working, note: d.note ?? null })))
        .onConflictDoUpdate({
          target: [calendarDays.organizationId, calendarDays.day],
          set: { working: sql`excluded.working`, note: sql`excluded.note` },
        })
    : undefined

export const findControlPractice = async (db: Db, organizationId: string) =>
  (await db.select().from(controlPractices).where(eq(controlPractices.organizationId, organizationId)))[0]?.practice

export const saveControlPractice = (db: Db, organizationId: string, practice: ControlPractice, at: Date) =>
  db
    .insert(controlPractices)
    .values({ organizationId, practice, updatedAt: at })
    .onConflictDoUpdate({ target: controlPractices.organizationId, set: { practice, updatedAt: at } })
