ALTER TABLE "orders" ADD COLUMN "document_sha256" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "signature_level" text;