-- issue 27: the executors in the loop. An executor's account, personal links, report files, extension requests,
-- the order's addressees (рассылка, ознакомление). Additive: nothing existing changes meaning.
ALTER TABLE "executors" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "executors" ADD CONSTRAINT "executors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "executors_user_key" ON "executors" USING btree ("user_id") WHERE "executors"."user_id" is not null;--> statement-breakpoint
CREATE TABLE "executor_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"executor_id" uuid NOT NULL,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);--> statement-breakpoint
ALTER TABLE "executor_links" ADD CONSTRAINT "executor_links_executor_id_executors_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "executor_links" ADD CONSTRAINT "executor_links_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "executor_links_live_key" ON "executor_links" USING btree ("executor_id") WHERE "executor_links"."revoked_at" is null;--> statement-breakpoint
ALTER TABLE "control_events" ADD COLUMN "executor_id" uuid;--> statement-breakpoint
ALTER TABLE "control_events" ADD CONSTRAINT "control_events_executor_id_executors_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "control_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"event_seq" bigint NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "control_files" ADD CONSTRAINT "control_files_item_id_control_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."control_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_files" ADD CONSTRAINT "control_files_event_seq_control_events_seq_fk" FOREIGN KEY ("event_seq") REFERENCES "public"."control_events"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "control_files_item_idx" ON "control_files" USING btree ("item_id","event_seq");--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"executor_id" uuid NOT NULL,
	"due" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"granted_due" date,
	"comment" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_requests_status_check" CHECK ("extension_requests"."status" in ('pending', 'granted', 'refused'))
);--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_item_id_control_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."control_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_executor_id_executors_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extension_requests_item_idx" ON "extension_requests" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "extension_requests_pending_key" ON "extension_requests" USING btree ("item_id") WHERE "extension_requests"."status" = 'pending';--> statement-breakpoint
CREATE TABLE "order_addressees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"executor_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"must_read" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "order_addressees" ADD CONSTRAINT "order_addressees_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_addressees" ADD CONSTRAINT "order_addressees_executor_id_executors_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_addressees_executor_key" ON "order_addressees" USING btree ("order_id","executor_id") WHERE "order_addressees"."executor_id" is not null;
