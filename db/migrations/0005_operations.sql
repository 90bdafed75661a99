ALTER TABLE "dose_records" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dose_records" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dose_records" ADD COLUMN "voided_by_staff_id" integer;--> statement-breakpoint
ALTER TABLE "dose_records" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_void" CHECK (("dose_records"."voided_at" is null) = ("dose_records"."void_reason" is null));--> statement-breakpoint
ALTER TABLE "dose_records" ADD CONSTRAINT "dose_records_voided_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("voided_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
DROP INDEX "dose_records_voucher_dose";--> statement-breakpoint
CREATE UNIQUE INDEX "dose_records_voucher_dose" ON "dose_records" USING btree ("voucher_id","dose_number") WHERE voided_at is null;--> statement-breakpoint
DROP INDEX "dose_records_reservation";--> statement-breakpoint
CREATE UNIQUE INDEX "dose_records_reservation" ON "dose_records" USING btree ("reservation_id") WHERE voided_at is null;--> statement-breakpoint
CREATE TABLE "venue_lots" (
	"id" serial PRIMARY KEY NOT NULL,
	"venue_id" integer NOT NULL,
	"date" date NOT NULL,
	"product_code" text NOT NULL,
	"lot_number" text NOT NULL,
	"expires_on" date,
	"created_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "venue_lots_lot" CHECK ("venue_lots"."lot_number" ~ '^[A-Z0-9-]{1,20}$')
);
--> statement-breakpoint
CREATE TABLE "dose_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"reservation_id" bigint,
	"dose_record_id" bigint,
	"voucher_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"after_export" boolean DEFAULT false NOT NULL,
	"staff_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dose_corrections_kind" CHECK ("dose_corrections"."kind" in ('edit','revert')),
	CONSTRAINT "dose_corrections_reason" CHECK (length(btrim("dose_corrections"."reason")) between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "vrs_exports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"date_from" date,
	"date_to" date,
	"venue_id" integer,
	"only_pending" boolean DEFAULT false NOT NULL,
	"encoding" text NOT NULL,
	"rows" integer,
	"doses" integer,
	"staff_id" integer,
	"actor" text NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "vrs_exports_encoding" CHECK ("vrs_exports"."encoding" in ('utf8','sjis'))
);
--> statement-breakpoint
ALTER TABLE "venue_lots" ADD CONSTRAINT "venue_lots_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_lots" ADD CONSTRAINT "venue_lots_product_code_vaccine_products_code_fk" FOREIGN KEY ("product_code") REFERENCES "public"."vaccine_products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_lots" ADD CONSTRAINT "venue_lots_created_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_corrections" ADD CONSTRAINT "dose_corrections_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_corrections" ADD CONSTRAINT "dose_corrections_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dose_corrections" ADD CONSTRAINT "dose_corrections_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vrs_exports" ADD CONSTRAINT "vrs_exports_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vrs_exports" ADD CONSTRAINT "vrs_exports_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "venue_lots_unique_active" ON "venue_lots" USING btree ("venue_id","date","product_code","lot_number") WHERE removed_at is null;--> statement-breakpoint
CREATE INDEX "dose_corrections_voucher" ON "dose_corrections" USING btree ("voucher_id","at");--> statement-breakpoint
CREATE INDEX "vrs_exports_finished" ON "vrs_exports" USING btree ("finished_at");
