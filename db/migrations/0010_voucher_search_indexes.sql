DROP INDEX "vouchers_kana";--> statement-breakpoint
DROP INDEX "vouchers_phone";--> statement-breakpoint
CREATE INDEX "vouchers_kana_search" ON "vouchers" USING btree (replace("kana_name", '　', '')) WHERE "vouchers"."kana_name" is not null;--> statement-breakpoint
CREATE INDEX "vouchers_phone" ON "vouchers" USING btree ("phone") WHERE "vouchers"."phone" is not null;