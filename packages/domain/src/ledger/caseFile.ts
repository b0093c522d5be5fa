import { unzipSync, zipSync } from 'fflate';
import { type NoteVerifier, openCheckpoint, openNote, parseVerifierKey } from './checkpointNote.js';
import { portableHasher } from './hashers.js';
import { type HashName, leafHash, verifyInclusion } from './merkle.js';
import { fromHex, toHex, utf8Bytes } from './sm2Keys.js';

/**
 * 电子案卷: a ZIP that proves, with nothing but public keys, that a subject's records are exactly
 * those the ledger holds. Layout (docs/ledger.md):
 *   manifest.txt            a signed note (log key) whose body is the manifest JSON
 *   keys.json               the log's and the witness's verifier keys
 *   checkpoint.txt          a checkpoint note signed by the log and co-signed by the witness
 *   entries/<seq>.entry.json, entries/<seq>.payload.json   the exact ledger texts
 *   README.txt              how to check it, in Chinese
 * The archive itself is built deterministically (fixed times, sorted paths, fixed compression),
 * so the verifier can rebuild it from its contents and compare every byte.
 */
export const CASE_FILE_FORMAT = 'sanxiang-case-file/1';

export interface CaseFileManifest {
  format: typeof CASE_FILE_FORMAT;
  origin: string;
  hashAlg: HashName;
  subject: { type: string; id: string; title: string };
  generatedAt: string;
  treeSize: number;
  entries: { seq: number; entry: string; payload: string; proof: string[] }[];
  /** Digest (hashAlg, hex) of every other file in the archive. */
  files: Record<string, string>;
}

const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
const text = new TextDecoder('utf-8', { fatal: true });

/** The one way a case file's bytes are made, used by the exporter and by the verifier's rebuild. */
export function packCaseFile(files: Record<string, Uint8Array>): Uint8Array {
  const sorted = Object.fromEntries(
    Object.keys(files)
      .sort()
      .map((k) => [k, [files[k] as Uint8Array, { mtime: FIXED_MTIME, level: 6 as const }]]),
  );
  return zipSync(sorted as Parameters<typeof zipSync>[0], { mtime: FIXED_MTIME });
}

export const entryPath = (seq: number) => `entries/${String(seq).padStart(9, '0')}.entry.json`;
export const payloadPath = (seq: number) => `entries/${String(seq).padStart(9, '0')}.payload.json`;

export interface CaseFileReport {
  ok: boolean;
  problem?: string;
  manifest?: CaseFileManifest;
  witnessed?: boolean;
  keys?: { log: string; witness: string };
}

/**
 * Checks a case file offline. `pinned` are the verifier keys the checker trusts (published by the
 * justice bureau); without them the keys inside the archive are used and reported, so that the
 * reader can compare them with the published ones.
 */
export function verifyCaseFile(zip: Uint8Array, pinned?: { log: string; witness: string }): CaseFileReport {
  const fail = (problem: string, extra: Partial<CaseFileReport> = {}): CaseFileReport => ({
    ok: false,
    problem,
    ...extra,
  });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    return fail('不是有效的 ZIP 文件，或文件已损坏');
  }
  const read = (path: string): string | null => {
    const f = files[path];
    if (!f) return null;
    try {
      return text.decode(f);
    } catch {
      return null;
    }
  };
  const keysText = read('keys.json');
  if (!keysText) return fail('缺少 keys.json');
  let keys: { log: string; witness: string };
  let logKey: NoteVerifier;
  let witnessKey: NoteVerifier;
  try {
    keys = pinned ?? (JSON.parse(keysText) as { log: string; witness: string });
    logKey = parseVerifierKey(keys.log);
    witnessKey = parseVerifierKey(keys.witness);
  } catch (err) {
    return fail(`公钥格式错误：${(err as Error).message}`);
  }
  const manifestNote = read('manifest.txt');
  if (!manifestNote) return fail('缺少 manifest.txt');
  let manifest: CaseFileManifest;
  try {
    const opened = openNote(manifestNote, [logKey]);
    manifest = JSON.parse(opened.body) as CaseFileManifest;
  } catch (err) {
    return fail(`清单签名验证失败：${(err as Error).message}`, { keys });
  }
  if (manifest.format !== CASE_FILE_FORMAT) return fail(`不认识的案卷格式：${String(manifest.format)}`);
  const h = portableHasher(manifest.hashAlg);

  const listed = new Set(['manifest.txt', ...Object.keys(manifest.files)]);
  for (const e of manifest.entries) listed.add(entryPath(e.seq)).add(payloadPath(e.seq));
  for (const path of Object.keys(files)) if (!listed.has(path)) return fail(`多出未登记的文件：${path}`, { keys });
  for (const [path, digest] of Object.entries(manifest.files)) {
    const f = files[path];
    if (!f) return fail(`缺少文件：${path}`, { keys });
    if (toHex(h.digest(f)) !== digest) return fail(`文件 ${path} 的摘要与清单不符：文件被改动`, { keys });
  }

  const cpNote = read('checkpoint.txt');
  if (!cpNote) return fail('缺少 checkpoint.txt');
  let checkpoint: ReturnType<typeof openCheckpoint>['checkpoint'];
  let witnessed: boolean;
  try {
    const opened = openCheckpoint(cpNote, [logKey, witnessKey], { origin: manifest.origin });
    checkpoint = opened.checkpoint;
    witnessed = opened.verifiedBy.includes(witnessKey.name);
    if (!opened.verifiedBy.includes(logKey.name)) return fail('检查点没有账本密钥的有效签名', { keys });
  } catch (err) {
    return fail(`检查点签名验证失败：${(err as Error).message}`, { keys });
  }
  if (!witnessed) return fail('检查点未经见证方（司法行政机关）联署', { keys });
  if (checkpoint.size !== manifest.treeSize) return fail('清单中的树大小与检查点不一致', { keys });

  for (const e of manifest.entries) {
    const entryText = read(entryPath(e.seq));
    const payloadText = read(payloadPath(e.seq));
    if (entryText === null || payloadText === null) return fail(`缺少第 ${e.seq} 条记录的文件`, { keys });
    let entry: { seq?: unknown; payloadHash?: unknown; subject?: { type?: unknown; id?: unknown } };
    try {
      entry = JSON.parse(entryText);
    } catch {
      return fail(`第 ${e.seq} 条记录不是有效的 JSON：记录被改动`, { keys });
    }
    if (entry.seq !== e.seq) return fail(`第 ${e.seq} 条记录自身写明的序号是 ${String(entry.seq)}`, { keys });
    if (entry.subject?.type !== manifest.subject.type || entry.subject?.id !== manifest.subject.id) {
      return fail(`第 ${e.seq} 条记录不属于本案卷的对象`, { keys });
    }
    if (entry.payloadHash !== toHex(h.digest(utf8Bytes(payloadText)))) {
      return fail(`第 ${e.seq} 条记录的变更内容与其摘要不符：内容被改动`, { keys });
    }
    let proof: Uint8Array[];
    try {
      proof = e.proof.map(fromHex);
    } catch {
      return fail(`第 ${e.seq} 条记录的包含证明格式错误`, { keys });
    }
    if (!verifyInclusion(h, e.seq, checkpoint.size, leafHash(h, utf8Bytes(entryText)), proof, checkpoint.rootHash)) {
      return fail(`第 ${e.seq} 条记录不在已签名的检查点中：记录被改动或伪造`, { keys });
    }
  }
  // Every byte: the archive must be exactly what the exporter makes of these contents.
  const rebuilt = packCaseFile(files);
  if (rebuilt.length !== zip.length || rebuilt.some((b, i) => b !== zip[i])) {
    return fail('压缩包结构与标准导出不一致：文件被改动', { keys, manifest });
  }
  return { ok: true, manifest, witnessed, keys };
}
