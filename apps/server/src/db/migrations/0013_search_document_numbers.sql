-- A document number's year and serial ([2026]12 of 示应急罚[2026]12号, as documentNumberKey stores it, when a
-- character that is not a digit follows the serial) are now also a search key (searchKeysOf): each pair of
-- the number is in a large share of all records, its year and serial in a few dozen. The records published
-- before get it here, exactly as searchKeysOfText now computes it from their search text.
UPDATE "disclosures" d SET "search_keys" = d."search_keys" || n.serials
FROM (
  SELECT x.id, array_agg(DISTINCT m[1]) AS serials
  FROM "disclosures" x, unnest(string_to_array(x.search_text, ' ')) AS w,
    regexp_matches(w, '(\[[0-9]+\][0-9]+)(?=[^0-9])', 'g') AS m
  WHERE x.search_text LIKE '%[%'
  GROUP BY x.id
) n
WHERE d.id = n.id AND NOT d.search_keys @> n.serials;
