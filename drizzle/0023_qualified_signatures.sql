ALTER TABLE "users" ADD COLUMN "snils" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "inn" text;--> statement-breakpoint
CREATE TABLE "trusted_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"common_name" text NOT NULL,
	"serial_number" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	"certificate" bytea NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "trusted_certificates" ADD CONSTRAINT "trusted_certificates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trusted_certificates_org_sha256_key" ON "trusted_certificates" USING btree ("organization_id","sha256");--> statement-breakpoint
CREATE TABLE "trusted_crls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"this_update" timestamp with time zone NOT NULL,
	"next_update" timestamp with time zone,
	"revoked_serials" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"crl" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "trusted_crls" ADD CONSTRAINT "trusted_crls_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trusted_crls_org_issuer_key" ON "trusted_crls" USING btree ("organization_id","issuer");
--> statement-breakpoint
CREATE TABLE "qualified_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"approval_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"document_sha256" text NOT NULL,
	"signature" bytea NOT NULL,
	"serial_number" text NOT NULL,
	"owner" text NOT NULL,
	"issuer" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"signing_time" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "qualified_signatures" ADD CONSTRAINT "qualified_signatures_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualified_signatures" ADD CONSTRAINT "qualified_signatures_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qualified_signatures_order_idx" ON "qualified_signatures" USING btree ("order_id");
