-- Portal search (issue 6): the keys of every stored word are now a column, written by the application
-- at publication (searchKeysOfText in packages/domain/src/disclosure/searchText.ts). Indexing the
-- expression of migration 0009 made PostgreSQL compute it again (about 1 ms a record) for every row of
-- a lossy bitmap page, and gave the planner no statistics about how common a key is; a stored array
-- column has both a cheap recheck and per-element frequencies (ANALYZE's most_common_elems).
ALTER TABLE "disclosures" ADD COLUMN "search_keys" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
UPDATE "disclosures" SET "search_keys" = disclosure_search_keys("search_text") WHERE "search_text" <> '';--> statement-breakpoint
DROP INDEX "disclosures_search_idx";--> statement-breakpoint
DROP FUNCTION "disclosure_search_keys"(text);--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "search_keys" SET STATISTICS 1000;--> statement-breakpoint
CREATE INDEX "disclosures_search_keys_idx" ON "disclosures" USING gin ("search_keys") WHERE "disclosures"."status" = 'published';--> statement-breakpoint
-- The portal's order; the columns of the public condition and of its filters are included, so that a
-- count of public records reads the index alone.
CREATE INDEX "disclosures_newest_idx" ON "disclosures" USING btree ("published_on","id") INCLUDE ("public_until","agency_id","category") WHERE "disclosures"."status" = 'published';--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_published_complete" CHECK ("disclosures"."status" <> 'published' or ("disclosures"."record" is not null and "disclosures"."published_on" is not null));
