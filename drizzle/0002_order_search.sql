CREATE TABLE "order_search" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "orders_search_idx";--> statement-breakpoint
ALTER TABLE "order_search" ADD CONSTRAINT "order_search_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_search_idx" ON "order_search" USING gin (to_tsvector('russian', "text"));--> statement-breakpoint
INSERT INTO "order_search" ("order_id", "text") SELECT "id", "search_text" FROM "orders";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "search_text";