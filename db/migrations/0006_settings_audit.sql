CREATE INDEX IF NOT EXISTS "audit_log_actor_id" ON "audit_log" USING btree ("actor_kind","actor_id","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "audit_log_voucher_id" ON "audit_log" USING btree ("voucher_id","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "audit_log_entity_id" ON "audit_log" USING btree ("entity","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "audit_log_action_id" ON "audit_log" USING btree ("action","id");
