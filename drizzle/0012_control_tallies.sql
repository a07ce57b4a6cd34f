CREATE TABLE "control_tallies" (
	"organization_id" uuid NOT NULL,
	"month" date NOT NULL,
	"responsible_id" uuid,
	"responsible" text,
	"items" integer NOT NULL,
	"on_time" integer NOT NULL,
	"late" integer NOT NULL,
	"late_days" integer NOT NULL,
	"removed" integer NOT NULL,
	"awaiting_due" integer NOT NULL,
	"awaiting_due_days" bigint NOT NULL,
	"open_other" integer NOT NULL,
	CONSTRAINT "control_tallies_key" UNIQUE NULLS NOT DISTINCT("organization_id","month","responsible_id","responsible")
);
