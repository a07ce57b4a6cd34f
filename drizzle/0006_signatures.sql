CREATE TABLE "signing_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"holder" text DEFAULT '' NOT NULL,
	"common_name" text NOT NULL,
	"title" text,
	"serial_number" text NOT NULL,
	"certificate" "bytea" NOT NULL,
	"issuers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sealed_key" "bytea" NOT NULL,
	"source" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signing_credentials_kind" CHECK ("signing_credentials"."kind" in ('ca', 'person', 'seal', 'tsa')),
	CONSTRAINT "signing_credentials_holder" CHECK (("signing_credentials"."kind" = 'person') = ("signing_credentials"."holder" <> ''))
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "document_sha256" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "signature_level" text;--> statement-breakpoint
ALTER TABLE "signing_credentials" ADD CONSTRAINT "signing_credentials_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_credentials_one_ca" ON "signing_credentials" USING btree ("organization_id") WHERE "signing_credentials"."kind" = 'ca';--> statement-breakpoint
CREATE INDEX "signing_credentials_holder_idx" ON "signing_credentials" USING btree ("organization_id","kind","holder","not_after");--> statement-breakpoint
CREATE INDEX "renderings_sha256_idx" ON "renderings" USING btree ("sha256");