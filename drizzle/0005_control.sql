CREATE TABLE "calendar_days" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"working" boolean NOT NULL,
	"note" text,
	CONSTRAINT "calendar_days_organization_id_day_pk" PRIMARY KEY("organization_id","day")
);
--> statement-breakpoint
CREATE TABLE "control_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"old_due" date,
	"new_due" date,
	"text" text,
	"file_name" text,
	"file_type" text,
	"file_bytes" "bytea",
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "control_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"source" jsonb NOT NULL,
	"source_label" text NOT NULL,
	"text" text NOT NULL,
	"deadline_text" text,
	"deadline" jsonb,
	"registered_on" date NOT NULL,
	"due_date" date,
	"done_on" date,
	"responsible" text,
	"responsible_id" uuid,
	"co_executors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text GENERATED ALWAYS AS (snapshot ->> 'value') STORED NOT NULL,
	"snapshot" jsonb NOT NULL,
	"machine_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "control_items_status_check" CHECK ("control_items"."status" in ('on_control', 'extended', 'reported', 'done', 'removed'))
);
--> statement-breakpoint
CREATE TABLE "control_practices" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"practice" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "executors_kind_check" CHECK ("executors"."kind" in ('person', 'unit'))
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid,
	"recipient" text NOT NULL,
	"day" date NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_events" ADD CONSTRAINT "control_events_item_id_control_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."control_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_events" ADD CONSTRAINT "control_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_items" ADD CONSTRAINT "control_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_items" ADD CONSTRAINT "control_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_items" ADD CONSTRAINT "control_items_responsible_id_executors_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_practices" ADD CONSTRAINT "control_practices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "executors" ADD CONSTRAINT "executors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_item_id_control_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."control_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "control_events_item_idx" ON "control_events" USING btree ("item_id","seq");--> statement-breakpoint
CREATE INDEX "control_items_order_idx" ON "control_items" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "control_items_responsible_due_idx" ON "control_items" USING btree ("responsible_id","due_date") WHERE "control_items"."status" in ('on_control', 'extended');--> statement-breakpoint
CREATE INDEX "control_items_co_executors_idx" ON "control_items" USING gin ("co_executors" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "control_items_org_due_idx" ON "control_items" USING btree ("organization_id","due_date");--> statement-breakpoint
CREATE INDEX "control_items_org_period_idx" ON "control_items" USING btree ("organization_id",coalesce("due_date", "registered_on"));--> statement-breakpoint
CREATE UNIQUE INDEX "executors_org_name_key" ON "executors" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_item_day_key" ON "reminders" USING btree ("item_id","day") WHERE "reminders"."kind" = 'executor';--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_summary_day_key" ON "reminders" USING btree ("organization_id","recipient","day") WHERE "reminders"."kind" = 'summary';