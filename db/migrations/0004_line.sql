-- LINE (issue 4): the day-before reminder switches under the names the settings page uses, webhook events seen, reminders sent.
ALTER TABLE "municipality" RENAME COLUMN "reminders_email" TO "reminder_email_enabled";--> statement-breakpoint
ALTER TABLE "municipality" RENAME COLUMN "reminders_sms" TO "reminder_sms_enabled";--> statement-breakpoint
CREATE TABLE "line_webhook_events" (
	"webhook_event_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reservation_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"retry_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"last_error" text,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "reminder_deliveries_channel" CHECK ("reminder_deliveries"."channel" in ('line','email','sms')),
	CONSTRAINT "reminder_deliveries_status" CHECK ("reminder_deliveries"."status" in ('sending','sent','failed'))
);
--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "line_webhook_events_received" ON "line_webhook_events" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_deliveries_once" ON "reminder_deliveries" USING btree ("reservation_id","channel","target");--> statement-breakpoint
CREATE INDEX "reminder_deliveries_status" ON "reminder_deliveries" USING btree ("status");
