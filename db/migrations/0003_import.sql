CREATE TABLE "import_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"phase" text DEFAULT 'reading' NOT NULL,
	"staff_id" integer,
	"file_name" text DEFAULT '' NOT NULL,
	"lines_read" integer DEFAULT 0 NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"rows_imported" integer DEFAULT 0 NOT NULL,
	"bad_lines" integer DEFAULT 0 NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_jobs_kind" CHECK ("import_jobs"."kind" in ('vouchers','venues','accounts','slots')),
	CONSTRAINT "import_jobs_status" CHECK ("import_jobs"."status" in ('running','succeeded','rejected','failed'))
);
--> statement-breakpoint
CREATE TABLE "import_problems" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" bigint NOT NULL,
	"line" integer NOT NULL,
	"column" text DEFAULT '' NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_problems" ADD CONSTRAINT "import_problems_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_staff" ON "import_jobs" USING btree ("staff_id","started_at");--> statement-breakpoint
CREATE INDEX "import_problems_job_line" ON "import_problems" USING btree ("job_id","line","id");
