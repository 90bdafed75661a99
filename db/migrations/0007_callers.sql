ALTER TABLE "municipality" ADD COLUMN "staff_deadline_override" boolean DEFAULT true NOT NULL;
