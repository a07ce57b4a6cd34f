ALTER TABLE "organizations" ADD COLUMN "kinds" jsonb DEFAULT '["prikaz","rasporyazhenie"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "directives" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "default_signer_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "logo_sha256" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_default_signer_id_users_id_fk" FOREIGN KEY ("default_signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "organization_logos" (
	"sha256" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"media_type" text NOT NULL,
	"bytes" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "organization_logos" ADD CONSTRAINT "organization_logos_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_versions" ADD COLUMN "letterhead" jsonb;--> statement-breakpoint
-- every version saved before this release is pinned to the profile as it is now, the one it has been printed with
UPDATE "order_versions" SET "letterhead" = jsonb_build_object(
    'parent', coalesce("g"."parent", '[]'::jsonb),
    'name', "g"."name",
    'place', "g"."place",
    'directive', NULL,
    'logo', NULL)
  FROM "orders" "o", "organizations" "g"
  WHERE "o"."id" = "order_versions"."order_id" AND "g"."id" = "o"."organization_id";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_id_key" UNIQUE("id");--> statement-breakpoint
CREATE TABLE "password_resets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "order_id" DROP NOT NULL;
