CREATE TABLE "renderings" (
	"order_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"stage" text NOT NULL,
	"format" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renderings_order_id_version_stage_format_revision_pk" PRIMARY KEY("order_id","version","stage","format","revision"),
	CONSTRAINT "renderings_stage_check" CHECK ("renderings"."stage" in ('draft', 'registered', 'signed', 'sealed')),
	CONSTRAINT "renderings_format_check" CHECK ("renderings"."format" in ('pdf', 'docx'))
);
--> statement-breakpoint
ALTER TABLE "renderings" ADD CONSTRAINT "renderings_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;