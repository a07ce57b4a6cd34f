import { sql } from 'drizzle-orm'
import { addDays, dateParts, isoDate, lastDayOfMonth } from '../domain/calendar'
import type { DisciplineCounts } from '../domain/discipline'
import type { Db } from './client'
import { queryRows } from './raw'

export type DisciplineRow = DisciplineCounts & { executorId: string | null; executor: string }

type Period = { organizationId: string; from: string; to: string; today: string }

/**
 * The whole months of [from, to] that end before today, as their first and last day, or null when there
 * is none: every item there is settled or overdue for good, so its monthly tally answers for it.
 */
export const talliedMonths = ({ from, to, today }: Omit<Period, 'organizationId'>) => {
  const [fy, fm, fd] = dateParts(from)
  const first = fd === 1 ? from : addDays(isoDate(fy, fm, lastDayOfMonth(fy, fm)), 1)
  const yesterday = addDays(today, -1)
  const cut = to < yesterday ? to : yesterday
  const [cy, cm, cd] = dateParts(cut)
  const last = cd === lastDayOfMonth(cy, cm) ? cut : addDays(isoDate(cy, cm, 1), -1)
  return first <= last ? { first, last } : null
}

/**
 * The items of [from, to] read one by one, through `control_items_org_period_idx` (it includes every column
 * used here: an index-only scan), each classed by `control_item_tally` (migration 0013, inlined by the
 * planner) as the tallies class it, and its awaiting report split by today into overdue and not yet due.
 */
const itemsOf = (f: Period, from: string, to: string) => sql`
  select ci.responsible_id, ci.responsible, x.items, x.on_time, x.late, x.late_days, x.removed, x.open_other,
    case when ci.due_date < ${f.today}::date then x.awaiting_due else 0 end as overdue,
    case when ci.due_date < ${f.today}::date then x.awaiting_due_days else 0 end as overdue_days,
    case when ci.due_date < ${f.today}::date then 0 else x.awaiting_due end as pending
  from control_items ci cross join lateral control_item_tally(ci.status, ci.due_date, ci.done_on) x
  where ci.organization_id = ${f.organizationId}
    and coalesce(ci.due_date, ci.registered_on) between ${from}::date and ${to}::date`

/**
 * The discipline of a period, per responsible executor: items falling in the period (by due date,
 * or by registration when there is none), counted once each in exactly one class. Done counts on
 * time when reported by its due date (an item without a due date is never late); overdue are items
 * awaiting their report past the due date today.
 *
 * The whole months of the period that ended before today are read from `control_tallies` (a dozen rows
 * an executor a year: there every item awaiting a report with a due date is overdue, by count × today −
 * the sum of their due dates), the days before the first and after the last of them from the items
 * themselves; the rows of both, per executor as stored (id and written name), are then named from the
 * directory and summed per name. Executors with no item in the period have no line.
 */
export const disciplineQuery = (f: Period) => {
  const months = talliedMonths(f)
  const parts = months
    ? [
        itemsOf(f, f.from, addDays(months.first, -1)),
        sql`select responsible_id, responsible, items, on_time, late, late_days, removed, open_other,
            awaiting_due, awaiting_due_days, 0
          from control_tallies
          where organization_id = ${f.organizationId} and month between ${months.first}::date and ${months.last}::date
            and items <> 0`,
        itemsOf(f, addDays(months.last, 1), f.to),
      ]
    : [itemsOf(f, f.from, f.to)]
  return sql`
  with counted as (
    select p.responsible_id, p.responsible,
      sum(p.items) as items, sum(p.on_time) as on_time, sum(p.late) as late, sum(p.overdue) as overdue,
      sum(p.open_other) + sum(p.pending) as open, sum(p.removed) as removed,
      sum(p.late_days) + sum(p.overdue) * control_tally_day(${f.today}::date) - sum(p.overdue_days) as delay_days
    from (${sql.join(parts, sql` union all `)}) p
    group by p.responsible_id, p.responsible
  )
  select c.responsible_id as "executorId",
    coalesce(e.name, c.responsible, '') as executor,
    sum(c.items)::int as items,
    sum(c.on_time)::int as "onTime",
    sum(c.late)::int as late,
    sum(c.overdue)::int as overdue,
    sum(c.open)::int as open,
    sum(c.removed)::int as removed,
    sum(c.delay_days)::int as "delayDays"
  from counted c
  left join executors e on e.id = c.responsible_id
  group by c.responsible_id, coalesce(e.name, c.responsible, '')
  order by coalesce(e.name, c.responsible, '') = '', 2`
}

export const disciplineRows = (db: Db, f: Period) => queryRows<DisciplineRow>(db, disciplineQuery(f))
