ALTER TABLE "renderings" ADD COLUMN "appended_to" integer;--> statement-breakpoint
-- PDF and DOCX are deflated already: pglz spent more time failing or gaining little on them than the rest of the
-- insert (7 ms for a 250 kB sealed file); the files are stored as they are
ALTER TABLE "renderings" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
