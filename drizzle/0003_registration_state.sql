ALTER TABLE "bench_rows" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "bench_rows" CASCADE;--> statement-breakpoint
ALTER TABLE "orders" drop column "status";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "status" text GENERATED ALWAYS AS (snapshot ->> 'value') STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_decision_check" CHECK ("approvals"."decision" in ('pending', 'approved', 'returned', 'signed'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('draft', 'approval', 'signature', 'signed', 'registered', 'closed', 'cancelled'));