CREATE TABLE "chatbot_unanswered" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message" text NOT NULL,
	"message_key" text NOT NULL,
	"channel" text NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"best_faq_id" text,
	"best_confidence" real NOT NULL,
	"handed_off" boolean NOT NULL,
	"first_asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"resolved_faq_id" text,
	CONSTRAINT "chatbot_unanswered_channel" CHECK ("chatbot_unanswered"."channel" in ('web','line')),
	CONSTRAINT "chatbot_unanswered_confidence" CHECK ("chatbot_unanswered"."best_confidence" between 0 and 1),
	CONSTRAINT "chatbot_unanswered_resolution" CHECK ("chatbot_unanswered"."resolution" is null or "chatbot_unanswered"."resolution" in ('phrasing_added','dismissed'))
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "faq_entries" ADD COLUMN "answer_en" text;--> statement-breakpoint
CREATE UNIQUE INDEX "chatbot_unanswered_open_key" ON "chatbot_unanswered" USING btree ("message_key") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "chatbot_unanswered_recent" ON "chatbot_unanswered" USING btree ("last_asked_at","id");--> statement-breakpoint
CREATE INDEX "rate_limits_window" ON "rate_limits" USING btree ("window_started_at");