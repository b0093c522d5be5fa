import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseVerifierKey, verifyCaseFile } from '@sanxiang/domain';
import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/dataDirLock.js';
import { keyPaths } from './modules/ledger/ledgerKeys.js';
import { verifyLedger } from './modules/ledger/verifyLedger.js';
import { openRuntime } from './runtime.js';

const USAGE = `用法：
  npm run verify                      校验本部署的留痕账本（DATABASE_URL 或 DATA_DIR；内嵌数据库须先停止服务）
  npm run verify -- --log-key <vkey> --witness-key <vkey>
                                      用外部提供的公钥校验（不信任本机密钥文件）
  npm run verify -- 电子案卷.zip [--log-key <vkey> --witness-key <vkey>]
                                      离线校验导出的电子案卷

  逐条重算每条记录的摘要与序号、整棵 Merkle 树、每个检查点的签名（账本密钥与见证方密钥）与根哈希，
  并与见证方保存的最新联署状态比对（发现数据库回滚）。发现问题时指出第一处并以非零状态退出。`;

function readVkey(path: string): string {
  return (JSON.parse(readFileSync(path, 'utf8')) as { vkey: string }).vkey;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'log-key': { type: 'string' },
    'witness-key': { type: 'string' },
    'witness-state': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

// An exported case file is checked offline, with nothing but public keys.
const zipPath = positionals[0];
if (zipPath) {
  const pinned =
    values['log-key'] && values['witness-key'] ? { log: values['log-key'], witness: values['witness-key'] } : undefined;
  const report = verifyCaseFile(new Uint8Array(readFileSync(zipPath)), pinned);
  if (report.keys && !pinned) {
    console.log(
      `使用案卷内附带的公钥（请与司法行政机关公布的公钥核对）：\n  账本：${report.keys.log}\n  见证：${report.keys.witness}`,
    );
  }
  if (!report.ok) {
    console.error(`校验失败：${report.problem}`);
    process.exit(1);
  }
  const m = report.manifest;
  console.log(
    `校验通过：电子案卷“${m?.subject.title}”共 ${m?.entries.length} 条记录，均包含在经见证方联署的检查点（树大小 ${m?.treeSize}）中。`,
  );
  process.exit(0);
}

const config = loadConfig();
const paths = keyPaths(config.keysDir, config.witnessKeyFile);
let runtime: Awaited<ReturnType<typeof openRuntime>>;
try {
  runtime = await openRuntime(config, () => process.exit(2));
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(`${err.message}\n校验内嵌数据库前请先停止服务。`);
    process.exit(2);
  }
  throw err;
}
const logKey = parseVerifierKey(values['log-key'] ?? readVkey(paths.log));
const witnessKey = parseVerifierKey(values['witness-key'] ?? readVkey(paths.witness));
const statePath = values['witness-state'] ?? paths.witnessState;
const witnessState = existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : null;

const started = performance.now();
let shown = 0;
const report = await verifyLedger(runtime.database.db, {
  logKey,
  witnessKey,
  witnessState,
  onProgress: (n) => {
    // A terminal line at most four times a second: the verifier reports every few thousand entries.
    const now = performance.now();
    if (now - shown < 250) return;
    shown = now;
    process.stderr.write(`\r已校验 ${n} 条记录…`);
  },
});
await runtime.close();
if (shown) process.stderr.write('\n');
const elapsed = (performance.now() - started) / 1000;
if (report.ok) {
  const rate = elapsed > 0 ? `，每秒 ${Math.round(report.entries / elapsed)} 条` : '';
  console.log(
    `校验通过：${report.entries} 条记录，${report.checkpoints} 个检查点（其中 ${report.witnessed} 个经见证方联署），用时 ${elapsed.toFixed(1)} 秒${rate}。`,
  );
  process.exit(0);
}
console.error(`校验失败：${report.problem}`);
process.exit(1);
