/**
 * Checks, in the browser and with nothing but the public keys, that a ledger entry is part of the signed,
 * witnessed history. The server is not trusted here: it supplies the entry, the proof and the checkpoint, and any
 * of them being wrong shows as a failure with its reason.
 *
 * This module carries the SM2/SM3 code (sm-crypto-v2), so screens load it with import() only when 验证 is clicked.
 */
import { sha256 } from '@noble/hashes/sha2';
import {
  CheckpointNoteError,
  type Hasher,
  leafHash,
  type NoteVerifier,
  openCheckpoint,
  parseVerifierKey,
  sm3Hex,
  verifyInclusion,
} from '@sanxiang/domain';
import type { LedgerKeys, LedgerProof } from '../../api/types';

export interface Verified {
  ok: true;
  seq: number;
  /** Size of the signed checkpoint the entry was proven into. */
  treeSize: number;
  rootHashHex: string;
  /** Whether the witness's cosignature verified too (the log's own signature always has). */
  witnessed: boolean;
  logName: string;
  witnessName: string;
  /** The checkpoint's signing time, "YYYY-MM-DDTHH:MM:SSZ", when the note carries one. */
  checkpointTime?: string;
  hashAlg: string;
}

export interface NotVerified {
  ok: false;
  /** Why, in Chinese, naming what failed. */
  reason: string;
}

export type Verification = Verified | NotVerified;

/** What the page shows and wants confirmed: the entry text and its change, as the trail delivered them. */
export interface ShownEntry {
  seq: number;
  entry: string;
  payload: unknown;
  subjectType: string;
  subjectId: string;
  action: string;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function fromHex(hex: string): Uint8Array | null {
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The synchronous hash the Merkle code needs, for the algorithm the ledger names. */
export function hasherFor(name: string): Hasher | null {
  if (name === 'sm3') return { name: 'sm3', digest: (data) => fromHex(sm3Hex(data)) as Uint8Array };
  if (name === 'sha256') return { name: 'sha256', digest: (data) => sha256(data) };
  return null;
}

/**
 * RFC 8785 canonical JSON of a parsed value, as the server stores payloads: object keys sorted by UTF-16 code
 * units, no whitespace, ECMAScript number and string forms. Re-canonicalizing the parsed payload yields the
 * stored text exactly, so its hash can be compared with the entry's payloadHash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${parts.join(',')}}`;
}

function fail(reason: string): NotVerified {
  return { ok: false, reason };
}

interface EntryText {
  seq?: unknown;
  action?: unknown;
  payloadHash?: unknown;
  subject?: { type?: unknown; id?: unknown };
}

/**
 * (a) the checkpoint note must carry a valid signature of the log key, for this ledger's origin (the witness's
 * cosignature is reported); (b) the entry text must name the sequence number that was asked for; (c) the
 * RFC 6962 inclusion proof must lead from the entry's leaf hash to the signed root. Also checked: the proof is
 * about the entry the page shows, and the change the page shows hashes to the entry's payloadHash.
 */
export function verifyEntry(keys: LedgerKeys, proof: LedgerProof, shown: ShownEntry): Verification {
  const hasher = hasherFor(keys.hashAlg);
  if (!hasher) return fail(`不支持的哈希算法「${keys.hashAlg}」`);
  if (proof.hashAlg !== keys.hashAlg) {
    return fail(`证明使用的哈希算法（${proof.hashAlg}）与账本公布的（${keys.hashAlg}）不同`);
  }

  let logKey: NoteVerifier;
  let witnessKey: NoteVerifier;
  try {
    logKey = parseVerifierKey(keys.log);
    witnessKey = parseVerifierKey(keys.witness);
  } catch (err) {
    return fail(`公钥格式错误：${(err as Error).message}`);
  }

  // (a) the signed checkpoint: only its own, signed size and root are used below, never the server's copies.
  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(proof.checkpoint, [logKey, witnessKey], { origin: keys.origin });
  } catch (err) {
    if (err instanceof CheckpointNoteError) return fail(`检查点签名验证未通过：${err.message}`);
    return fail(`检查点无法解析：${(err as Error).message}`);
  }
  if (!opened.verifiedBy.includes(logKey.name)) return fail('检查点没有本账本密钥的有效签名');
  const witnessed = opened.verifiedBy.includes(witnessKey.name);
  const { checkpoint } = opened;
  const namedHash = checkpoint.extensions?.find((line) => line.startsWith('hash '))?.slice('hash '.length);
  if (namedHash !== undefined && namedHash !== keys.hashAlg) {
    return fail(`检查点注明的哈希算法（${namedHash}）与账本公布的（${keys.hashAlg}）不同`);
  }

  // The proof must be about the entry on the screen, not some other one.
  if (proof.entry !== shown.entry || proof.seq !== shown.seq) {
    return fail('服务器给出的证明所针对的记录，与页面显示的记录不一致');
  }

  // (b) the entry's own sequence number: an entry moved to another position fails here.
  let entry: EntryText;
  try {
    entry = JSON.parse(proof.entry) as EntryText;
  } catch {
    return fail('记录内容不是有效的 JSON：记录被改动');
  }
  if (entry.seq !== shown.seq) {
    return fail(`记录自身写明的序号是 ${String(entry.seq)}，而不是第 ${shown.seq} 条：记录被移动或调换`);
  }
  if (entry.action !== shown.action || entry.subject?.type !== shown.subjectType) {
    return fail('记录中签名的动作或对象与页面显示的不一致');
  }
  if (String(entry.subject?.id) !== shown.subjectId) return fail('记录中签名的对象与页面显示的不一致');
  // The change the page shows is what the entry's payloadHash commits to.
  if (toHex(hasher.digest(utf8(canonicalJson(shown.payload)))) !== entry.payloadHash) {
    return fail('页面显示的变更内容与记录中的摘要不符：内容被改动');
  }

  // (c) inclusion of the entry's leaf in the signed tree.
  const path: Uint8Array[] = [];
  for (const hex of Array.isArray(proof.proof) ? proof.proof : []) {
    const bytes = fromHex(hex);
    if (!bytes) return fail('包含证明中有格式错误的哈希值');
    path.push(bytes);
  }
  const leaf = leafHash(hasher, utf8(proof.entry));
  if (!verifyInclusion(hasher, shown.seq, checkpoint.size, leaf, path, checkpoint.rootHash)) {
    return fail(`包含证明不成立：该记录不在已签名的检查点（树大小 ${checkpoint.size}）中，或其内容被改动`);
  }

  return {
    ok: true,
    seq: shown.seq,
    treeSize: checkpoint.size,
    rootHashHex: toHex(checkpoint.rootHash),
    witnessed,
    logName: logKey.name,
    witnessName: witnessKey.name,
    ...(checkpoint.time ? { checkpointTime: checkpoint.time } : {}),
    hashAlg: keys.hashAlg,
  };
}

export type CheckpointCheck =
  | { ok: true; size: number; witnessed: boolean; logName: string; witnessName: string }
  | NotVerified;

/** The latest checkpoint on its own: signed by the log for this origin, and whether the witness co-signed. */
export function verifyCheckpointNote(keys: LedgerKeys, note: string): CheckpointCheck {
  try {
    const logKey = parseVerifierKey(keys.log);
    const witnessKey = parseVerifierKey(keys.witness);
    const opened = openCheckpoint(note, [logKey, witnessKey], { origin: keys.origin });
    if (!opened.verifiedBy.includes(logKey.name)) return fail('检查点没有本账本密钥的有效签名');
    return {
      ok: true,
      size: opened.checkpoint.size,
      witnessed: opened.verifiedBy.includes(witnessKey.name),
      logName: logKey.name,
      witnessName: witnessKey.name,
    };
  } catch (err) {
    return fail(`检查点签名验证未通过：${(err as Error).message}`);
  }
}
