import {
  appendPlan,
  consistencyProofPlan,
  type Hasher,
  type HashName,
  inclusionProofPlan,
  leafHash,
  type NodeRef,
  nodeKey,
  rootPlan,
} from '@sanxiang/domain';
import canonicalize from 'canonicalize';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connection.js';
import { ledgerEntries, ledgerMeta, ledgerNodes } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';
import { fromHex, nodeHasher, toHex, utf8 } from './ledgerHasher.js';

/** Who made a change: a signed-in user, or the system itself (demo data, CLI). */
export interface Actor {
  userId: number | null;
  name: string;
}

export interface LedgerChange {
  actor: Actor;
  agencyId: number | null;
  subjectType: string;
  subjectId: string | number;
  /** `<subject>.<verb>`, e.g. `officer.update`; docs/ledger.md lists them. */
  action: string;
  /** The change itself, stored in its RFC 8785 canonical form. */
  payload: unknown;
}

/** One advisory-lock key for all appends: sequence numbers are taken one transaction at a time. */
const APPEND_LOCK = 6_962_001;

export const ENTRY_VERSION = 1;

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

const hashers = new WeakMap<object, { hasher: Hasher; origin: string }>();

/**
 * Creates the ledger of a new deployment with its hash (SM3 by default, SHA-256 on request), or
 * checks that an existing one uses the hash asked for: the hash never changes afterwards.
 */
export async function ensureLedger(db: Executor, options: { hash?: HashName | undefined; origin: string }) {
  const [meta] = await db.select().from(ledgerMeta).where(eq(ledgerMeta.id, 1));
  if (meta) {
    if (options.hash && options.hash !== meta.hashAlg) {
      throw new DomainError(
        'LEDGER_HASH_FIXED',
        `本部署的留痕账本使用 ${meta.hashAlg.toUpperCase()}，创建后不能改为 ${options.hash.toUpperCase()}（请去掉 LEDGER_HASH 设置）`,
        409,
      );
    }
    return meta;
  }
  const [created] = await db
    .insert(ledgerMeta)
    .values({ id: 1, hashAlg: options.hash ?? 'sm3', origin: options.origin })
    .onConflictDoNothing()
    .returning();
  return created ?? (await db.select().from(ledgerMeta).where(eq(ledgerMeta.id, 1)))[0];
}

/** The deployment's hash and origin, read once per database. */
export async function ledgerParams(db: Executor): Promise<{ hasher: Hasher; origin: string }> {
  const cached = hashers.get(db);
  if (cached) return cached;
  const [meta] = await db.select().from(ledgerMeta).where(eq(ledgerMeta.id, 1));
  if (!meta) throw new Error('ledger not initialised: ensureLedger() runs at start-up');
  const params = { hasher: nodeHasher(meta.hashAlg as HashName), origin: meta.origin };
  hashers.set(db, params);
  return params;
}

async function fetchNodes(db: Executor, refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (refs.length === 0) return out;
  const rows = await db
    .select()
    .from(ledgerNodes)
    .where(or(...refs.map((r) => and(eq(ledgerNodes.level, r.level), eq(ledgerNodes.idx, r.index)))));
  for (const r of rows) out.set(nodeKey({ level: r.level, index: r.idx }), fromHex(r.hash));
  return out;
}

/**
 * Writes the ledger entry of a change. Every module calls this inside the transaction that makes
 * the change (DESIGN.md principle 2), so both commit or neither does. Work is O(log n): the entry,
 * its leaf, and the perfect subtrees it completes.
 */
export async function appendEntry(tx: Tx, change: LedgerChange): Promise<{ seq: number; leafHash: string }> {
  const { hasher } = await ledgerParams(tx);
  // Serialises appends until commit: no two entries share a number and a rollback leaves no gap.
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
  const [last] = await tx
    .select({ seq: ledgerEntries.seq })
    .from(ledgerEntries)
    .orderBy(desc(ledgerEntries.seq))
    .limit(1);
  const seq = last ? last.seq + 1 : 0;
  const time = new Date();
  const payload = canonicalJson(change.payload ?? null);
  const entry = canonicalJson({
    v: ENTRY_VERSION,
    seq,
    time: time.toISOString(),
    actor: change.actor,
    agencyId: change.agencyId,
    subject: { type: change.subjectType, id: String(change.subjectId) },
    action: change.action,
    payloadHash: toHex(hasher.digest(utf8(payload))),
  });
  const leaf = leafHash(hasher, utf8(entry));
  await tx.insert(ledgerEntries).values({
    seq,
    createdAt: time,
    actorUserId: change.actor.userId,
    agencyId: change.agencyId,
    subjectType: change.subjectType,
    subjectId: String(change.subjectId),
    action: change.action,
    entry,
    payload,
  });
  const plan = appendPlan(seq);
  const rows = plan.build(await fetchNodes(tx, plan.refs), hasher, leaf);
  await tx.insert(ledgerNodes).values(rows.map((n) => ({ level: n.ref.level, idx: n.ref.index, hash: toHex(n.hash) })));
  return { seq, leafHash: toHex(leaf) };
}

export async function treeSize(db: Executor): Promise<number> {
  const [last] = await db
    .select({ seq: ledgerEntries.seq })
    .from(ledgerEntries)
    .orderBy(desc(ledgerEntries.seq))
    .limit(1);
  return last ? last.seq + 1 : 0;
}

export async function rootHash(db: Executor, size: number): Promise<Uint8Array> {
  const { hasher } = await ledgerParams(db);
  const plan = rootPlan(size);
  return plan.build(await fetchNodes(db, plan.refs), hasher);
}

export async function inclusionProof(db: Executor, seq: number, size: number): Promise<Uint8Array[]> {
  const { hasher } = await ledgerParams(db);
  const plan = inclusionProofPlan(seq, size);
  return plan.build(await fetchNodes(db, plan.refs), hasher);
}

export async function consistencyProof(db: Executor, size1: number, size2: number): Promise<Uint8Array[]> {
  const { hasher } = await ledgerParams(db);
  const plan = consistencyProofPlan(size1, size2);
  return plan.build(await fetchNodes(db, plan.refs), hasher);
}

export async function entriesOf(db: Executor, subjectType: string, subjectId: string | number) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.subjectType, subjectType), eq(ledgerEntries.subjectId, String(subjectId))))
    .orderBy(asc(ledgerEntries.seq));
}
