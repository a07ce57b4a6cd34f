-- an order stored as registered from a department's archive (issue 29): its number and date were given on paper,
-- no signature of the service is claimed, and its renderings say it is an imported copy
ALTER TABLE "orders" ADD COLUMN "imported" boolean DEFAULT false NOT NULL;
