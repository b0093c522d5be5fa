CREATE TABLE "disclosure_generation" (
	"id" integer PRIMARY KEY NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "disclosure_generation_one_row" CHECK ("disclosure_generation"."id" = 1)
);
--> statement-breakpoint
-- The public search's answers are kept under this counter (publicAnswers.ts): every statement that
-- changes disclosures raises it in its own transaction, so the change and the new value commit together.
INSERT INTO "disclosure_generation" ("id", "n") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION disclosures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE disclosure_generation SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER disclosures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "disclosures"
  FOR EACH STATEMENT EXECUTE FUNCTION disclosures_changed();
