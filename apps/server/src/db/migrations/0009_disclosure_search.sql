-- Portal search (issue 6): every two neighbouring characters of every stored word, as an array a GIN
-- index can serve. pg_trgm cannot help with one- and two-character Chinese words, the common case.
-- The query side is searchKeysOf in packages/domain/src/disclosure/searchText.ts. Computing the keys
-- of one record costs about a millisecond: the high COST tells the planner to use them through the
-- index only, never as a filter row by row.
CREATE FUNCTION "disclosure_search_keys"(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000
  AS $$
    SELECT coalesce(array_agg(DISTINCT substr(w, i, 2)), '{}')
    FROM unnest(string_to_array(t, ' ')) AS w, generate_series(1, char_length(w) - 1) AS i
  $$;--> statement-breakpoint
CREATE INDEX "disclosures_search_idx" ON "disclosures" USING gin (disclosure_search_keys("search_text")) WHERE "disclosures"."status" = 'published';
