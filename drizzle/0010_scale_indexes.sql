DROP INDEX "order_search_idx";--> statement-breakpoint
DROP INDEX "control_items_org_period_idx";--> statement-breakpoint
DROP INDEX "orders_org_created_idx";--> statement-breakpoint
ALTER TABLE "order_search" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
UPDATE "order_search" SET "organization_id" = "orders"."organization_id" FROM "orders" WHERE "orders"."id" = "order_search"."order_id";--> statement-breakpoint
ALTER TABLE "order_search" ALTER COLUMN "organization_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_search" ADD COLUMN "words" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, "text")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "order_search" ADD CONSTRAINT "order_search_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "control_items_org_open_due_idx" ON "control_items" USING btree ("organization_id","due_date","id") WHERE "control_items"."status" in ('on_control', 'extended', 'reported');--> statement-breakpoint
CREATE INDEX "order_search_words_idx" ON "order_search" USING gin ("words");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "control_items_org_period_idx" ON "control_items" USING btree ("organization_id",coalesce("due_date", "registered_on"),"responsible_id","responsible","status","due_date","done_on","registered_on");--> statement-breakpoint
CREATE INDEX "orders_org_created_idx" ON "orders" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE STATISTICS "control_items_executor_stats" (ndistinct) ON "responsible_id", "responsible" FROM "control_items";
