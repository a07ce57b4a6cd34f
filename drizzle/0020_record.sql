CREATE INDEX IF NOT EXISTS "registrations_journal_date_idx" ON "registrations" USING btree ("journal_id","date","seq","litera");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "orders_org_date_idx" ON "orders" USING btree ("organization_id","date");
