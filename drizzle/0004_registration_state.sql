ALTER TABLE "bench_rows" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "bench_rows" CASCADE;--> statement-breakpoint
ALTER TABLE "orders" drop column "status";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "status" text GENERATED ALWAYS AS (snapshot ->> 'value') STORED NOT NULL;--> statement-breakpoint
-- dropping the column dropped its index, which drizzle-kit's snapshot still lists: made again here
CREATE INDEX IF NOT EXISTS "orders_org_status_idx" ON "orders" USING btree ("organization_id","status");--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_decision_check" CHECK ("approvals"."decision" in ('pending', 'approved', 'returned', 'signed'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('draft', 'approval', 'signature', 'signed', 'registered', 'closed', 'cancelled'));