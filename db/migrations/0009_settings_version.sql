-- The municipality's settings and rule tables are read by nearly every request but change
-- rarely. Every write to them (insert, update, delete, truncate) gives the settings a new
-- version token, so an app instance can keep them in memory and still see a change on its next
-- request by reading this one row (lib/booking/context.ts). A random token rather than a
-- counter: tests empty the tables, and several databases share one process, so a counter could
-- come back to a value that an instance has cached for different contents.
CREATE TABLE "settings_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"token" text NOT NULL,
	CONSTRAINT "settings_version_single_row" CHECK ("settings_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "settings_version" ("id", "token") VALUES (1, md5(random()::text || clock_timestamp()::text));
--> statement-breakpoint
CREATE FUNCTION "bump_settings_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "settings_version" SET "token" = md5(random()::text || clock_timestamp()::text) WHERE "id" = 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "municipality_bumps_settings_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "municipality" FOR EACH STATEMENT EXECUTE FUNCTION "bump_settings_version"();
--> statement-breakpoint
CREATE TRIGGER "vaccine_products_bump_settings_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vaccine_products" FOR EACH STATEMENT EXECUTE FUNCTION "bump_settings_version"();
--> statement-breakpoint
CREATE TRIGGER "booster_interval_rules_bump_settings_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "booster_interval_rules" FOR EACH STATEMENT EXECUTE FUNCTION "bump_settings_version"();
--> statement-breakpoint
CREATE TRIGGER "booking_openings_bump_settings_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "booking_openings" FOR EACH STATEMENT EXECUTE FUNCTION "bump_settings_version"();
