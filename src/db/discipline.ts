import { sql } from 'drizzle-orm'
import { AWAITING_REPORT_STATES, OPEN_STATES } from '../../workflows/control-item.machine'
import type { DisciplineCounts } from '../domain/discipline'
import type { Db } from './client'
import { queryRows } from './raw'

export type DisciplineRow = DisciplineCounts & { executorId: string | null; executor: string }

const list = (states: readonly string[]) => sql.raw(states.map((s) => `'${s}'`).join(', '))

/**
 * The discipline of a period, per responsible executor: items falling in the period (by due date,
 * or by registration when there is none), counted once each in exactly one class. Done counts on
 * time when reported by its due date (an item without a due date is never late); overdue are items
 * awaiting their report past the due date today.
 *
 * Counted in two steps so that a year of a large organization stays fast: first per executor as
 * stored (id and written name), reading only `control_items_org_period_idx` (it includes every column
 * used here: an index-only scan), then those few rows named from the directory and summed per name.
 */
export const disciplineQuery = (f: { organizationId: string; from: string; to: string; today: string }) => sql`
  with counted as (
    select ci.responsible_id, ci.responsible,
      count(*)::int as items,
      count(*) filter (where ci.status = 'done' and (ci.due_date is null or ci.done_on <= ci.due_date))::int as on_time,
      count(*) filter (where ci.status = 'done' and ci.done_on > ci.due_date)::int as late,
      count(*) filter (where ci.status in (${list(AWAITING_REPORT_STATES)}) and ci.due_date < ${f.today}::date)::int as overdue,
      count(*) filter (where ci.status in (${list(OPEN_STATES)})
        and not (ci.status in (${list(AWAITING_REPORT_STATES)}) and ci.due_date < ${f.today}::date))::int as open,
      count(*) filter (where ci.status = 'removed')::int as removed,
      coalesce(sum(case
        when ci.status = 'done' and ci.done_on > ci.due_date then ci.done_on - ci.due_date
        when ci.status in (${list(AWAITING_REPORT_STATES)}) and ci.due_date < ${f.today}::date then ${f.today}::date - ci.due_date
        else 0 end), 0)::int as delay_days
    from control_items ci
    where ci.organization_id = ${f.organizationId}
      and coalesce(ci.due_date, ci.registered_on) between ${f.from}::date and ${f.to}::date
    group by ci.responsible_id, ci.responsible
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

export const disciplineRows = (db: Db, f: Parameters<typeof disciplineQuery>[0]) =>
  queryRows<DisciplineRow>(db, disciplineQuery(f))
