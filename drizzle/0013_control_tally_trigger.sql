-- The discipline report's classes of one control item, in the one place they are decided: the triggers
-- below add them into control_tallies, and the report (src/db/discipline.ts) counts the items it reads
-- itself through the same function. Only sums that do not depend on today: an item awaiting a report
-- with a due date is overdue once today is past it, so it is kept as a count and a sum of due dates
-- (days since 2000-01-01), and overdue days at `today` are count × today − sum. The states are those of
-- workflows/control-item.machine.ts: awaiting a report = its `awaiting_report` tag (on_control, extended),
-- open = its `open` tag (those and reported); test/db/discipline.test.ts checks them against the machine.
-- Not STRICT, IMMUTABLE, one SELECT: the planner inlines it, so the report still reads its index alone.
-- A day as the number the tallies sum (days since 2000-01-01); the report turns today into the same number.
CREATE FUNCTION control_tally_day(day date) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select day - date '2000-01-01'
$$;
--> statement-breakpoint
CREATE FUNCTION control_item_tally(status text, due_date date, done_on date)
RETURNS TABLE (items int, on_time int, late int, late_days int, removed int, awaiting_due int, awaiting_due_days int, open_other int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select 1,
    case when status = 'done' and (due_date is null or done_on <= due_date) then 1 else 0 end,
    case when status = 'done' and done_on > due_date then 1 else 0 end,
    case when status = 'done' and done_on > due_date then done_on - due_date else 0 end,
    case when status = 'removed' then 1 else 0 end,
    case when status in ('on_control', 'extended') and due_date is not null then 1 else 0 end,
    case when status in ('on_control', 'extended') and due_date is not null then control_tally_day(due_date) else 0 end,
    case when status = 'reported' or (status in ('on_control', 'extended') and due_date is null) then 1 else 0 end
$$;
--> statement-breakpoint
-- The one statement that adds signed contributions into the tallies: `source` yields control_items rows
-- with a leading `sign` (1 added, -1 taken away). Summed per tally row first, so one statement of many
-- items is one upsert per organization, month and executor; rows that net to nothing are not touched;
-- taken in key order, so two transactions lock the tally rows they share in the same order (no deadlock
-- between two statements); `on conflict … do update` adds under the row lock, so none is lost.
CREATE FUNCTION control_tallies_upsert(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  select format($q$
    insert into control_tallies as t (organization_id, month, responsible_id, responsible, items, on_time, late,
        late_days, removed, awaiting_due, awaiting_due_days, open_other)
      select c.organization_id, date_trunc('month', coalesce(c.due_date, c.registered_on))::date, c.responsible_id,
        c.responsible, sum(c.sign * x.items), sum(c.sign * x.on_time), sum(c.sign * x.late), sum(c.sign * x.late_days),
        sum(c.sign * x.removed), sum(c.sign * x.awaiting_due), sum(c.sign * x.awaiting_due_days::bigint),
        sum(c.sign * x.open_other)
      from (%s) c cross join lateral control_item_tally(c.status, c.due_date, c.done_on) x
      group by 1, 2, 3, 4
      having (sum(c.sign * x.items), sum(c.sign * x.on_time), sum(c.sign * x.late), sum(c.sign * x.late_days),
        sum(c.sign * x.removed), sum(c.sign * x.awaiting_due), sum(c.sign * x.awaiting_due_days::bigint),
        sum(c.sign * x.open_other)) <> (0, 0, 0, 0, 0, 0, 0, 0)
      order by 1, 2, 3, 4
    on conflict on constraint control_tallies_key do update set
      items = t.items + excluded.items, on_time = t.on_time + excluded.on_time, late = t.late + excluded.late,
      late_days = t.late_days + excluded.late_days, removed = t.removed + excluded.removed,
      awaiting_due = t.awaiting_due + excluded.awaiting_due,
      awaiting_due_days = t.awaiting_due_days + excluded.awaiting_due_days,
      open_other = t.open_other + excluded.open_other$q$, source)
$$;
--> statement-breakpoint
-- Statement-level, with transition tables: a registration's two dozen items, or a bulk fill, is one upsert.
-- The function is written here from control_tallies_upsert, once per event, so that its statements are
-- static SQL whose plans PL/pgSQL keeps (an EXECUTE is planned anew each time: ~1 ms an item update more).
DO $do$ BEGIN EXECUTE format($f$
CREATE FUNCTION control_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP = 'INSERT' THEN
    %s;
  ELSIF TG_OP = 'UPDATE' THEN
    %s;
  ELSIF TG_OP = 'DELETE' THEN
    %s;
  ELSE -- TRUNCATE
    DELETE FROM control_tallies;
  END IF;
  RETURN NULL;
END
$body$$f$,
  control_tallies_upsert('select 1 as sign, * from new_rows'),
  control_tallies_upsert('select 1 as sign, * from new_rows union all select -1 as sign, * from old_rows'),
  control_tallies_upsert('select -1 as sign, * from old_rows'));
END $do$;
--> statement-breakpoint
CREATE TRIGGER control_tallies_insert AFTER INSERT ON control_items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION control_tallies_follow();
--> statement-breakpoint
CREATE TRIGGER control_tallies_update AFTER UPDATE ON control_items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION control_tallies_follow();
--> statement-breakpoint
CREATE TRIGGER control_tallies_delete AFTER DELETE ON control_items
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION control_tallies_follow();
--> statement-breakpoint
CREATE TRIGGER control_tallies_truncate AFTER TRUNCATE ON control_items
  FOR EACH STATEMENT EXECUTE FUNCTION control_tallies_follow();
--> statement-breakpoint
-- The items already there, counted once, by the same statement; the triggers, created first in this
-- transaction, hold off other writers until it commits, so nothing is counted twice or missed.
DO $$ BEGIN EXECUTE control_tallies_upsert('select 1 as sign, * from control_items'); END $$;
