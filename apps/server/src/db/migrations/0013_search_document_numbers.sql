-- A document number (示应急罚[2026]12号, as documentNumberKey stores it) is now also a search key whole
-- (searchKeysOf): its character pairs are each in a large share of all records, it in one or two. The
-- records published before get it here, exactly as searchKeysOfText now computes it from their search text.
UPDATE "disclosures" d SET "search_keys" = d."search_keys" || n.words
FROM (
  SELECT x.id, array_agg(DISTINCT w) AS words
  FROM "disclosures" x, unnest(string_to_array(x.search_text, ' ')) AS w
  WHERE x.search_text LIKE '%[%' AND w ~ '\[.*\]'
  GROUP BY x.id
) n
WHERE d.id = n.id AND NOT d.search_keys @> n.words;
