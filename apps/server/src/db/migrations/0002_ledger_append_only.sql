-- The ledger is append-only (RULES.md S-4; DESIGN.md principle 3). These triggers refuse any
-- UPDATE, DELETE or TRUNCATE of ledger tables, whoever asks; docs/operations.md also shows how
-- to run the server with a role that lacks those grants. Tampering by someone who drops the
-- triggers is what the Merkle tree, signed checkpoints and the witness catch.
ALTER TABLE "ledger_meta" ADD CONSTRAINT "ledger_meta_singleton" CHECK ("id" = 1);
--> statement-breakpoint
ALTER TABLE "ledger_meta" ADD CONSTRAINT "ledger_meta_hash_alg" CHECK ("hash_alg" IN ('sm3', 'sha256'));
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_seq_nonnegative" CHECK ("seq" >= 0);
--> statement-breakpoint
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'LEDGER_APPEND_ONLY: % on % refused: the ledger is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_meta_append_only BEFORE UPDATE OR DELETE ON "ledger_meta" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_meta_no_truncate BEFORE TRUNCATE ON "ledger_meta" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_nodes_append_only BEFORE UPDATE OR DELETE ON "ledger_nodes" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_nodes_no_truncate BEFORE TRUNCATE ON "ledger_nodes" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON "ledger_checkpoints" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON "ledger_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_cosignatures_append_only BEFORE UPDATE OR DELETE ON "ledger_cosignatures" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_cosignatures_no_truncate BEFORE TRUNCATE ON "ledger_cosignatures" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
