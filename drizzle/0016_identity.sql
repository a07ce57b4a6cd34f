ALTER TABLE "approvals" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- routes typed by name before this release: a person whose e-mail is an account of the order's organization is
-- bound to that account (their link then decides only for them); the others keep deciding by link until decided
UPDATE "approvals" SET "user_id" = "u"."id"
  FROM "orders" "o", "users" "u"
  WHERE "o"."id" = "approvals"."order_id"
    AND "u"."organization_id" = "o"."organization_id"
    AND lower("u"."email") = lower("approvals"."email");
