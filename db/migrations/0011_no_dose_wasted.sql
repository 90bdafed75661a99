CREATE TABLE "leftover_opt_ins" (
	"voucher_id" bigint PRIMARY KEY NOT NULL,
	"venue_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"contact" text NOT NULL,
	"line_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "leftover_opt_ins_contact" CHECK ("leftover_opt_ins"."contact" in ('line','sms','email')),
	CONSTRAINT "leftover_opt_ins_line_user" CHECK (("leftover_opt_ins"."contact" = 'line') = ("leftover_opt_ins"."line_user_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "leftover_releases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"venue_id" integer NOT NULL,
	"slot_id" bigint NOT NULL,
	"doses" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"declared_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "leftover_releases_doses" CHECK ("leftover_releases"."doses" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "seat_offers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"slot_id" bigint NOT NULL,
	"voucher_id" bigint NOT NULL,
	"waitlist_entry_id" bigint,
	"leftover_release_id" bigint,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"contact" text NOT NULL,
	"target" text,
	"notified_at" timestamp with time zone,
	"notify_error" text,
	"reservation_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "seat_offers_kind" CHECK ("seat_offers"."kind" in ('waitlist','leftover')),
	CONSTRAINT "seat_offers_status" CHECK ("seat_offers"."status" in ('open','accepted','declined','expired','withdrawn','taken')),
	CONSTRAINT "seat_offers_contact" CHECK ("seat_offers"."contact" in ('line','sms','email','phone')),
	CONSTRAINT "seat_offers_source" CHECK (("seat_offers"."kind" = 'waitlist' and "seat_offers"."waitlist_entry_id" is not null and "seat_offers"."leftover_release_id" is null) or ("seat_offers"."kind" = 'leftover' and "seat_offers"."leftover_release_id" is not null and "seat_offers"."waitlist_entry_id" is null))
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"voucher_id" bigint NOT NULL,
	"venue_id" integer,
	"date_from" date NOT NULL,
	"date_to" date NOT NULL,
	"channel" text NOT NULL,
	"contact" text NOT NULL,
	"line_user_id" text,
	"status" text DEFAULT 'waiting' NOT NULL,
	"missed_offers" integer DEFAULT 0 NOT NULL,
	"created_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "waitlist_dates" CHECK ("waitlist_entries"."date_from" <= "waitlist_entries"."date_to"),
	CONSTRAINT "waitlist_channel" CHECK ("waitlist_entries"."channel" in ('web','line','operator')),
	CONSTRAINT "waitlist_contact" CHECK ("waitlist_entries"."contact" in ('line','sms','email','phone')),
	CONSTRAINT "waitlist_status" CHECK ("waitlist_entries"."status" in ('waiting','offered','booked','left','lapsed','closed')),
	CONSTRAINT "waitlist_line_user" CHECK (("waitlist_entries"."contact" = 'line') = ("waitlist_entries"."line_user_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "slots" DROP CONSTRAINT "slots_capacity_never_exceeded";--> statement-breakpoint
DROP INDEX "slots_unique_time";--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "waitlist_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "offer_hold_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "leftover_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "leftover_min_age" integer;--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "leftover_lead_minutes" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "held_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "overbook_seats" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "seats_left" integer GENERATED ALWAYS AS (capacity + overbook_seats - booked_count - held_count) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "offer_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "vaccine_products" ADD COLUMN "doses_per_vial" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "venues" ADD COLUMN "overbook_percent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "leftover_opt_ins" ADD CONSTRAINT "leftover_opt_ins_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leftover_releases" ADD CONSTRAINT "leftover_releases_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leftover_releases" ADD CONSTRAINT "leftover_releases_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leftover_releases" ADD CONSTRAINT "leftover_releases_declared_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("declared_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_offers" ADD CONSTRAINT "seat_offers_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_offers" ADD CONSTRAINT "seat_offers_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_offers" ADD CONSTRAINT "seat_offers_waitlist_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("waitlist_entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_offers" ADD CONSTRAINT "seat_offers_leftover_release_id_leftover_releases_id_fk" FOREIGN KEY ("leftover_release_id") REFERENCES "public"."leftover_releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_offers" ADD CONSTRAINT "seat_offers_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_created_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leftover_releases_slot" ON "leftover_releases" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "leftover_releases_venue" ON "leftover_releases" USING btree ("venue_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_offers_token" ON "seat_offers" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_offers_entry_slot" ON "seat_offers" USING btree ("waitlist_entry_id","slot_id") WHERE waitlist_entry_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "seat_offers_one_open_per_entry" ON "seat_offers" USING btree ("waitlist_entry_id") WHERE status = 'open' and waitlist_entry_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "seat_offers_release_voucher" ON "seat_offers" USING btree ("leftover_release_id","voucher_id") WHERE leftover_release_id is not null;--> statement-breakpoint
CREATE INDEX "seat_offers_open_expiry" ON "seat_offers" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "seat_offers_voucher" ON "seat_offers" USING btree ("voucher_id","created_at");--> statement-breakpoint
CREATE INDEX "seat_offers_unnotified" ON "seat_offers" USING btree ("id") WHERE notified_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_one_live_per_voucher" ON "waitlist_entries" USING btree ("voucher_id") WHERE status in ('waiting','offered');--> statement-breakpoint
CREATE INDEX "waitlist_live_order" ON "waitlist_entries" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_unique_time" ON "slots" USING btree ("venue_id","date","start_time","product_code") WHERE not offer_only;--> statement-breakpoint
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_offer_hold" CHECK ("municipality"."offer_hold_minutes" between 5 and 1440);--> statement-breakpoint
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_leftover_age" CHECK ("municipality"."leftover_min_age" is null or "municipality"."leftover_min_age" between 0 and 120);--> statement-breakpoint
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_leftover_lead" CHECK ("municipality"."leftover_lead_minutes" between 15 and 720);--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_capacity_never_exceeded" CHECK ("slots"."booked_count" >= 0 and "slots"."held_count" >= 0 and "slots"."overbook_seats" >= 0 and "slots"."booked_count" + "slots"."held_count" <= "slots"."capacity" + "slots"."overbook_seats");--> statement-breakpoint
ALTER TABLE "vaccine_products" ADD CONSTRAINT "vaccine_doses_per_vial" CHECK ("vaccine_products"."doses_per_vial" between 1 and 50);--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_overbook_percent" CHECK ("venues"."overbook_percent" between 0 and 20);--> statement-breakpoint
-- Written by hand below: data for the new column, and the overbooking triggers.
UPDATE "vaccine_products" SET "doses_per_vial" = CASE "code" WHEN 'PFIZER' THEN 6 WHEN 'PFIZER_PED' THEN 10 WHEN 'MODERNA' THEN 10 WHEN 'NOVAVAX' THEN 10 WHEN 'ASTRAZENECA' THEN 10 ELSE 1 END;--> statement-breakpoint
-- When a venue's percentage changes, its slots' extra seats become floor(capacity × percent / 100), never below
-- the seats already taken past the capacity (lowering the percentage cancels nobody). Offer-only slots get none.
CREATE FUNCTION "slot_overbook_seats"(p_capacity integer, p_booked integer, p_held integer, p_percent integer, p_offer_only boolean)
RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_offer_only THEN greatest(p_booked + p_held - p_capacity, 0)
    ELSE greatest(floor(p_capacity * p_percent / 100.0)::integer, p_booked + p_held - p_capacity, 0) END
$$;--> statement-breakpoint
-- A slot's extra seats: what its venue's percentage gives (none on a past day or an offer-only slot), set
-- when the slot is made or its capacity changes. When its seats change, they only shrink toward that: after
-- the percentage is lowered, the seats taken past the capacity go as residents cancel and are not taken
-- again, and no write can ever make room for itself (the CHECK stays the last line of defence).
CREATE FUNCTION "slots_set_overbook_seats"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allowed integer;
BEGIN
  -- Every booking passes here: with no extra seats there is nothing to shrink, and no venue to read.
  IF TG_OP = 'UPDATE' AND OLD.overbook_seats = 0 AND NEW.capacity IS NOT DISTINCT FROM OLD.capacity
     AND NEW.venue_id IS NOT DISTINCT FROM OLD.venue_id AND NEW.offer_only IS NOT DISTINCT FROM OLD.offer_only THEN
    NEW.overbook_seats := 0;
    RETURN NEW;
  END IF;
  allowed := CASE WHEN NEW.offer_only OR NEW.date < (now() AT TIME ZONE 'Asia/Tokyo')::date THEN 0
    ELSE floor(NEW.capacity * coalesce((SELECT overbook_percent FROM venues WHERE id = NEW.venue_id), 0) / 100.0)::integer END;
  IF TG_OP = 'INSERT' OR NEW.capacity IS DISTINCT FROM OLD.capacity OR NEW.venue_id IS DISTINCT FROM OLD.venue_id
     OR NEW.offer_only IS DISTINCT FROM OLD.offer_only THEN
    NEW.overbook_seats := allowed;
  ELSE
    NEW.overbook_seats := least(OLD.overbook_seats, greatest(allowed, NEW.booked_count + NEW.held_count - NEW.capacity, 0));
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "slots_overbook_seats" BEFORE INSERT OR UPDATE OF "capacity", "venue_id", "offer_only", "booked_count", "held_count" ON "slots"
  FOR EACH ROW EXECUTE FUNCTION "slots_set_overbook_seats"();--> statement-breakpoint
-- A new percentage applies to the venue's slots from today (Tokyo) on; past days keep what they had.
CREATE FUNCTION "venues_apply_overbook_percent"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE slots SET overbook_seats = "slot_overbook_seats"(capacity, booked_count, held_count, NEW.overbook_percent, offer_only)
    WHERE venue_id = NEW.id AND date >= (now() AT TIME ZONE 'Asia/Tokyo')::date;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "venues_overbook_percent" AFTER UPDATE OF "overbook_percent" ON "venues"
  FOR EACH ROW WHEN (OLD.overbook_percent IS DISTINCT FROM NEW.overbook_percent) EXECUTE FUNCTION "venues_apply_overbook_percent"();
