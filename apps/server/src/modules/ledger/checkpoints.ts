import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  addSignature,
  formatCheckpointTime,
  openCheckpoint,
  signCheckpoint,
  verifyConsistency,
} from '@sanxiang/domain';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ledgerCheckpoints, ledgerCosignatures } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';
import { fromHex, toHex } from './ledgerHasher.js';
import { type LedgerKeys, verifierOf } from './ledgerKeys.js';
import { consistencyProof, ledgerParams, rootHash, treeSize } from './ledgerStore.js';

/** What the witness remembers of the last checkpoint it co-signed: kept outside the database. */
interface WitnessState {
  size: number;
  rootHash: string;
}

function readWitnessState(path: string): WitnessState | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as WitnessState) : null;
}

export async function latestCheckpoint(db: Db) {
  const [row] = await db.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.size)).limit(1);
  if (!row) return null;
  const cosignatures = await db.select().from(ledgerCosignatures).where(eq(ledgerCosignatures.size, row.size));
  return {
    ...row,
    note: row.note + cosignatures.map((c) => c.signatureLine).join(''),
    witnessed: cosignatures.length > 0,
  };
}

/**
 * Signs the current tree head as the log (unless nothing was appended since the last one), then
 * has the witness co-sign it. The witness signs only after checking, against the state it keeps
 * itself, that the new tree extends the last one it saw (a consistency proof): a rollback to an
 * old backup or a rewritten history is refused and reported, never co-signed.
 */
export async function createCheckpoint(db: Db, keys: LedgerKeys) {
  const { origin, hasher } = await ledgerParams(db);
  const size = await treeSize(db);
  const last = await latestCheckpoint(db);
  if (!last || last.size < size) {
    const root = await rootHash(db, size);
    // The hash is named in the note: a checkpoint of an SM3 tree must not pass for a SHA-256 one.
    const note = signCheckpoint(
      { origin, size, rootHash: root, time: formatCheckpointTime(new Date()), extensions: [`hash ${hasher.name}`] },
      keys.log,
    );
    await db
      .insert(ledgerCheckpoints)
      .values({ size, rootHash: toHex(root), note })
      .onConflictDoNothing();
  } else if (last.size > size) {
    throw new DomainError(
      'LEDGER_ROLLED_BACK',
      `账本只有 ${size} 条，少于已签名检查点的 ${last.size} 条：数据库可能被回滚或删改`,
      409,
    );
  }
  const [row] = await db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.size, size));
  if (!row) throw new Error('checkpoint vanished');
  await witnessCosign(db, keys, row, hasher);
  return latestCheckpoint(db);
}

async function witnessCosign(
  db: Db,
  keys: LedgerKeys,
  row: typeof ledgerCheckpoints.$inferSelect,
  hasher: Awaited<ReturnType<typeof ledgerParams>>['hasher'],
) {
  const [existing] = await db.select().from(ledgerCosignatures).where(eq(ledgerCosignatures.size, row.size));
  if (existing) return;
  const { checkpoint } = openCheckpoint(row.note, [verifierOf(keys.log)]);
  const state = readWitnessState(keys.witnessStateFile);
  if (state) {
    const root2 = checkpoint.rootHash;
    const ok =
      state.size <= checkpoint.size &&
      (state.size === checkpoint.size
        ? state.rootHash === toHex(root2)
        : verifyConsistency(
            hasher,
            state.size,
            checkpoint.size,
            fromHex(state.rootHash),
            root2,
            await consistencyProof(db, state.size, checkpoint.size),
          ));
    if (!ok) {
      throw new DomainError(
        'WITNESS_REFUSED',
        `见证方拒绝联署：新检查点（${checkpoint.size} 条）与见证方此前联署的检查点（${state.size} 条）不一致，账本可能被回滚或改写`,
        409,
      );
    }
  }
  const cosigned = addSignature(row.note, keys.witness, [verifierOf(keys.log)]);
  const line = cosigned.slice(row.note.length);
  await db.insert(ledgerCosignatures).values({ size: row.size, witness: keys.witness.name, signatureLine: line });
  writeFileSync(
    keys.witnessStateFile,
    `${JSON.stringify({ size: checkpoint.size, rootHash: toHex(checkpoint.rootHash) } satisfies WitnessState)}\n`,
  );
}
