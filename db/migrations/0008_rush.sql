CREATE TABLE "admission_gate" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"tokens" real NOT NULL,
	"refilled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"serving" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "admission_gate_single_row" CHECK ("admission_gate"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_created" ON "idempotency_keys" USING btree ("created_at");
--> statement-breakpoint
CREATE SEQUENCE "admission_ticket_seq";
