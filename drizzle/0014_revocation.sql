-- A revoked certificate (its holder disabled) is published on the organization's CRL (/ca/<organization id>.crl)
-- and the DSS of every file sealed after: when, and why by RFC 5280's reason name.
ALTER TABLE "signing_credentials" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signing_credentials" ADD COLUMN "revocation_reason" text;