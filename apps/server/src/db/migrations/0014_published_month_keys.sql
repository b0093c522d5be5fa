-- The month a record was published in (@2026-11, publishedMonthKey) is now also one of its search keys
-- (searchColumnsOf): a search with many hits asks the index for the last months' records first. The
-- records published before get it here. Withdrawn and superseded records have no keys, and get none.
UPDATE "disclosures" SET "search_keys" = "search_keys" || ('@' || to_char("published_on", 'YYYY-MM'))
WHERE "status" = 'published' AND "published_on" IS NOT NULL
  AND NOT "search_keys" @> ARRAY['@' || to_char("published_on", 'YYYY-MM')];
