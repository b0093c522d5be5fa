import {
  CASE_FILE_FORMAT,
  type CaseFileManifest,
  entryPath,
  type HashName,
  packCaseFile,
  payloadPath,
  signNote,
  verifierKeyString,
} from '@sanxiang/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { agencies, ledgerEntries } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { Principal } from '../identity/principal.js';
import { agencyScopeCondition } from '../registry/registryScope.js';
import { createCheckpoint } from './checkpoints.js';
import { toHex, utf8 } from './ledgerHasher.js';
import type { LedgerKeys } from './ledgerKeys.js';
import { canonicalJson, inclusionProof, ledgerParams } from './ledgerStore.js';

const README = `电子案卷说明

本压缩包是“三项”平台导出的电子案卷，包含某一对象（案件、执法人员等）在留痕账本中的全部记录，
以及证明这些记录未被改动、删除或调换所需的一切：每条记录的原文、到检查点的 Merkle 包含证明、
经账本密钥签名并由见证方（司法行政机关）联署的检查点，以及双方的公钥。

校验方法（无需联网、无需数据库）：
  npm run verify -- 本文件.zip
  npm run verify -- 本文件.zip --log-key <账本公钥> --witness-key <见证方公钥>
第二种写法使用司法行政机关公布的公钥，不信任压缩包内附带的公钥，推荐使用。
压缩包中任何一个字节被改动，校验都会失败并指出问题所在。
格式说明见项目文档 docs/ledger.md。
`;

/**
 * Builds the 电子案卷 of one subject within the caller's scope: every ledger entry of it, with
 * inclusion proofs to a checkpoint the witness has co-signed. Deterministic for given contents.
 */
export async function exportCaseFile(
  db: Db,
  keys: LedgerKeys,
  p: Principal,
  subject: { type: string; id: string; title: string },
  /** Documents that go with the entries (a case's instruments as PDF), listed with their digests. */
  documents: Record<string, Uint8Array> = {},
): Promise<{ zip: Uint8Array; fileName: string }> {
  const rows = await db
    .select({ e: ledgerEntries })
    .from(ledgerEntries)
    .innerJoin(agencies, eq(agencies.id, ledgerEntries.agencyId))
    .where(
      and(
        eq(ledgerEntries.subjectType, subject.type),
        eq(ledgerEntries.subjectId, subject.id),
        agencyScopeCondition(p.scope),
      ),
    )
    .orderBy(asc(ledgerEntries.seq));
  if (rows.length === 0) throw notFound('记录');
  const cp = await createCheckpoint(db, keys);
  if (!cp?.witnessed) throw new Error('checkpoint not witnessed');
  const { origin, hasher } = await ledgerParams(db);
  const digest = (b: Uint8Array) => toHex(hasher.digest(b));

  const files: Record<string, Uint8Array> = {
    'keys.json': utf8(
      `${JSON.stringify(
        {
          log: verifierKeyString(keys.log.name, keys.log.publicKeyHex),
          witness: verifierKeyString(keys.witness.name, keys.witness.publicKeyHex),
        },
        null,
        2,
      )}\n`,
    ),
    'checkpoint.txt': utf8(cp.note),
    'README.txt': utf8(README),
    ...documents,
  };
  const entries: CaseFileManifest['entries'] = [];
  for (const { e } of rows) {
    files[entryPath(e.seq)] = utf8(e.entry);
    files[payloadPath(e.seq)] = utf8(e.payload);
    entries.push({
      seq: e.seq,
      entry: entryPath(e.seq),
      payload: payloadPath(e.seq),
      proof: (await inclusionProof(db, e.seq, cp.size)).map(toHex),
    });
  }
  const manifest: CaseFileManifest = {
    format: CASE_FILE_FORMAT,
    origin,
    hashAlg: hasher.name as HashName,
    subject,
    generatedAt: new Date().toISOString(),
    treeSize: cp.size,
    entries,
    files: Object.fromEntries(
      ['keys.json', 'checkpoint.txt', 'README.txt', ...Object.keys(documents)].map((path) => [
        path,
        digest(files[path] as Uint8Array),
      ]),
    ),
  };
  files['manifest.txt'] = utf8(signNote(`${canonicalJson(manifest)}\n`, keys.log));
  const date = manifest.generatedAt.slice(0, 10);
  return { zip: packCaseFile(files), fileName: `电子案卷_${subject.title}_${date}.zip` };
}
