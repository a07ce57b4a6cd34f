-- On the embedded default the bytes of stored files live in the data directory, content-addressed
-- (src/db/file-store.ts); the row then names them by `part_sha256`. Rows stored before keep their bytes.
ALTER TABLE "renderings" ALTER COLUMN "bytes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "renderings" ADD COLUMN "part_sha256" text;--> statement-breakpoint
ALTER TABLE "renderings" ADD CONSTRAINT "renderings_bytes_kept" CHECK ("renderings"."bytes" is not null or "renderings"."part_sha256" is not null);
