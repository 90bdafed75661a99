CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"voucher_id" bigint,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "audit_actor_kind" CHECK ("audit_log"."actor_kind" in ('staff','resident','system','ivr','line'))
);
--> statement-breakpoint
CREATE TABLE "booking_openings" (
	"id" serial PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"min_age" integer,
	"max_age" integer,
	"dose_number" integer,
	"opens_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booster_interval_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"effective_from" date NOT NULL,
	"dose_number" integer,
	"interval_months" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "booster_months_positive" CHECK ("booster_interval_rules"."interval_months" > 0),
	CONSTRAINT "booster_dose_number" CHECK ("booster_interval_rules"."dose_number" is null or "booster_interval_rules"."dose_number" >= 3)
);
--> statement-breakpoint
CREATE TABLE "dose_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"voucher_id" bigint NOT NULL,
	"reservation_id" bigint,
	"dose_number" integer NOT NULL,
	"product_code" text NOT NULL,
	"lot_number" text NOT NULL,
	"venue_id" integer NOT NULL,
	"administered_on" date NOT NULL,
	"doctor_name" text DEFAULT '' NOT NULL,
	"recorded_by_staff_id" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dose_records_lot" CHECK (length("dose_records"."lot_number") between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "faq_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ivr_calls" (
	"call_sid" text PRIMARY KEY NOT NULL,
	"step" text NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"line_user_id" text NOT NULL,
	"voucher_id" bigint NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_users" (
	"line_user_id" text PRIMARY KEY NOT NULL,
	"following" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipality" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"field_kana_name" text DEFAULT 'required' NOT NULL,
	"field_phone" text DEFAULT 'required' NOT NULL,
	"field_email" text DEFAULT 'optional' NOT NULL,
	"booking_window_days" integer DEFAULT 28 NOT NULL,
	"cancel_deadline_days_before" integer DEFAULT 1 NOT NULL,
	"cancel_deadline_time" text DEFAULT '17:00' NOT NULL,
	"same_day_booking" boolean DEFAULT true NOT NULL,
	"call_center_phone" text DEFAULT '' NOT NULL,
	"call_center_hours" text DEFAULT '' NOT NULL,
	"max_group_size" integer DEFAULT 4 NOT NULL,
	"reminders_email" boolean DEFAULT false NOT NULL,
	"reminders_sms" boolean DEFAULT false NOT NULL,
	"notices" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipality_singleton" CHECK ("municipality"."id" = 1),
	CONSTRAINT "municipality_code_format" CHECK ("municipality"."code" ~ '^[0-9]{6}$'),
	CONSTRAINT "municipality_field_kana" CHECK ("municipality"."field_kana_name" in ('off','optional','required')),
	CONSTRAINT "municipality_field_phone" CHECK ("municipality"."field_phone" in ('off','optional','required')),
	CONSTRAINT "municipality_field_email" CHECK ("municipality"."field_email" in ('off','optional','required')),
	CONSTRAINT "municipality_window" CHECK ("municipality"."booking_window_days" between 0 and 366),
	CONSTRAINT "municipality_deadline_time" CHECK ("municipality"."cancel_deadline_time" ~ '^[0-2][0-9]:[0-5][0-9]$'),
	CONSTRAINT "municipality_group" CHECK ("municipality"."max_group_size" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reservation_number" text NOT NULL,
	"voucher_id" bigint NOT NULL,
	"slot_id" bigint NOT NULL,
	"dose_number" integer NOT NULL,
	"product_code" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"booking_group_id" uuid,
	"set_leader_id" bigint,
	"channel" text NOT NULL,
	"created_by_staff_id" integer,
	"checked_in_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservations_status" CHECK ("reservations"."status" in ('booked','checked_in','vaccinated','screened_only','no_show','cancelled')),
	CONSTRAINT "reservations_dose_positive" CHECK ("reservations"."dose_number" >= 1),
	CONSTRAINT "reservations_channel" CHECK ("reservations"."channel" in ('web','line','ivr','operator','bulk'))
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"venue_id" integer NOT NULL,
	"date" date NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"product_code" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slots_capacity_nonnegative" CHECK ("slots"."capacity" >= 0),
	CONSTRAINT "slots_capacity_never_exceeded" CHECK ("slots"."booked_count" >= 0 and "slots"."booked_count" <= "slots"."capacity"),
	CONSTRAINT "slots_time_order" CHECK ("slots"."start_time" < "slots"."end_time"),
	CONSTRAINT "slots_status" CHECK ("slots"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE TABLE "staff_account_venues" (
	"account_id" integer NOT NULL,
	"venue_id" integer NOT NULL,
	CONSTRAINT "staff_account_venues_account_id_venue_id_pk" PRIMARY KEY("account_id","venue_id")
);
--> statement-breakpoint
CREATE TABLE "staff_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"login_id" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_role" CHECK ("staff_accounts"."role" in ('admin','call_center','venue_manager','venue_staff')),
	CONSTRAINT "staff_login_id_format" CHECK ("staff_accounts"."login_id" ~ '^[A-Za-z0-9._@-]{3,64}$')
);
--> statement-breakpoint
CREATE TABLE "vaccine_products" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"vrs_maker_name" text NOT NULL,
	"min_age" integer NOT NULL,
	"max_age" integer,
	"dose2_interval_days" integer NOT NULL,
	"booster_allowed" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vaccine_interval_positive" CHECK ("vaccine_products"."dose2_interval_days" > 0),
	CONSTRAINT "vaccine_ages" CHECK ("vaccine_products"."min_age" >= 0 and ("vaccine_products"."max_age" is null or "vaccine_products"."max_age" >= "vaccine_products"."min_age"))
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venues_kind" CHECK ("venues"."kind" in ('mass','clinic'))
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_code" text NOT NULL,
	"voucher_number" text NOT NULL,
	"birth_date" date NOT NULL,
	"prior_dose_count" integer DEFAULT 0 NOT NULL,
	"prior_last_dose_date" date,
	"prior_last_product_code" text,
	"kana_name" text,
	"phone" text,
	"email" text,
	"registered_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_municipality_code" CHECK ("vouchers"."municipality_code" ~ '^[0-9]{6}$'),
	CONSTRAINT "vouchers_number_format" CHECK ("vouchers"."voucher_number" ~ '^[0-9]{10}$'),
	CONSTRAINT "vouchers_prior_count" CHECK ("vouchers"."prior_dose_count" between 0 and 20),
	CONSTRAINT "vouchers_prior_consistent" CHECK (("vouchers"."prior_dose_count" = 0) = ("vouchers"."prior_last_dose_date" is null))
);
--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_product_code_vaccine_products_code_fk" FOREIGN KEY ("product_code") REFERENCES "public"."vaccine_products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_recorded_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("recorded_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_links" ADD CONSTRAINT "line_links_line_user_id_line_users_line_user_id_fk" FOREIGN KEY ("line_user_id") REFERENCES "public"."line_users"("line_user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_links" ADD CONSTRAINT "line_links_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_product_code_vaccine_products_code_fk" FOREIGN KEY ("product_code") REFERENCES "public"."vaccine_products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_created_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_product_code_vaccine_products_code_fk" FOREIGN KEY ("product_code") REFERENCES "public"."vaccine_products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_account_venues" ADD CONSTRAINT "staff_account_venues_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_account_venues" ADD CONSTRAINT "staff_account_venues_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_prior_last_product_code_vaccine_products_code_fk" FOREIGN KEY ("prior_last_product_code") REFERENCES "public"."vaccine_products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_registered_by_staff_accounts_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor" ON "audit_log" USING btree ("actor_kind","actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_voucher" ON "audit_log" USING btree ("voucher_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dose_records_voucher_dose" ON "dose_records" USING btree ("voucher_id","dose_number");--> statement-breakpoint
CREATE UNIQUE INDEX "dose_records_reservation" ON "dose_records" USING btree ("reservation_id");--> statement-breakpoint
CREATE INDEX "dose_records_date" ON "dose_records" USING btree ("administered_on");--> statement-breakpoint
CREATE INDEX "ivr_calls_expires" ON "ivr_calls" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "line_links_user_voucher" ON "line_links" USING btree ("line_user_id","voucher_id");--> statement-breakpoint
CREATE INDEX "line_links_voucher" ON "line_links" USING btree ("voucher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_number_unique" ON "reservations" USING btree ("reservation_number");--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_one_active_per_voucher" ON "reservations" USING btree ("voucher_id") WHERE status in ('booked','checked_in') and set_leader_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_one_active_set_follower" ON "reservations" USING btree ("voucher_id") WHERE status in ('booked','checked_in') and set_leader_id is not null;--> statement-breakpoint
CREATE INDEX "reservations_slot" ON "reservations" USING btree ("slot_id","status");--> statement-breakpoint
CREATE INDEX "reservations_voucher" ON "reservations" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "reservations_group" ON "reservations" USING btree ("booking_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_unique_time" ON "slots" USING btree ("venue_id","date","start_time","product_code");--> statement-breakpoint
CREATE INDEX "slots_date_venue" ON "slots" USING btree ("date","venue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_login_id_unique" ON "staff_accounts" USING btree ("login_id");--> statement-breakpoint
CREATE UNIQUE INDEX "venues_code_unique" ON "venues" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_issuer_number_unique" ON "vouchers" USING btree ("municipality_code","voucher_number");--> statement-breakpoint
CREATE INDEX "vouchers_number" ON "vouchers" USING btree ("voucher_number");--> statement-breakpoint
CREATE INDEX "vouchers_kana" ON "vouchers" USING btree ("kana_name");--> statement-breakpoint
CREATE INDEX "vouchers_phone" ON "vouchers" USING btree ("phone");