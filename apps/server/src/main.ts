import { ROLE_LABELS } from '@sanxiang/domain';
import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/dataDirLock.js';
import { loadDemoCases } from './demo/demoCases.js';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoData } from './demo/demoData.js';
import { buildApp } from './http/app.js';
import { createCheckpoint } from './modules/ledger/checkpoints.js';
import { fileStorageFromConfig } from './modules/records/fileStore.js';
import { loadDemoAnnualReports } from './modules/statistics/annualReportDemo.js';
import { scheduleAnnualReports } from './modules/statistics/annualReportService.js';
import { openRuntime } from './runtime.js';

const started = performance.now();
const config = loadConfig();

let runtime: Awaited<ReturnType<typeof openRuntime>>;
try {
  runtime = await openRuntime(config, (err) => {
    console.error(`数据目录锁丢失，为防止数据损坏立即退出：${err.message}`);
    process.exit(1);
  });
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(`启动失败：${err.message}`);
    process.exit(1);
  }
  throw err;
}

const files = fileStorageFromConfig(config);
const demoLoaded = config.demoData ? await loadDemoData(runtime.database.db) : false;
if (demoLoaded) await loadDemoCases(runtime.database.db, files.store);
if (demoLoaded) await loadDemoAnnualReports(runtime.database.db);
const app = await buildApp({
  config,
  database: runtime.database,
  ledgerKeys: runtime.ledgerKeys,
  files,
});
await app.listen({ host: config.host, port: config.port });

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`;
const lines = [
  '',
  '三项 · 行政执法三项制度管理平台 已启动',
  `  访问地址：${url}`,
  `  数据库：${runtime.database.engine === 'pglite' ? `内嵌 PostgreSQL（PGlite），数据目录 ${config.dataDir}` : 'PostgreSQL 服务器（DATABASE_URL）'}`,
  `  启动耗时：${Math.round(performance.now() - started)} ms`,
];
if (config.demoData) {
  lines.push(`  演示数据：${demoLoaded ? '已在首次启动时载入' : '已存在'}。演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const l of DEMO_LOGINS) {
    lines.push(
      `    ${l.username.padEnd(10)} ${l.roles.map((r) => ROLE_LABELS[r]).join('、')}（${l.agencyName}，${l.displayName}）`,
    );
  }
}
lines.push('  按 Ctrl+C 停止服务', '');
console.log(lines.join('\n'));

// Signed, witnessed checkpoints on a schedule (and on demand through the API).
const checkpointTimer =
  config.checkpointMinutes > 0
    ? setInterval(() => {
        createCheckpoint(runtime.database.db, runtime.ledgerKeys).catch((err) =>
          app.log.error({ err }, 'scheduled checkpoint failed'),
        );
      }, config.checkpointMinutes * 60_000)
    : undefined;
await createCheckpoint(runtime.database.db, runtime.ledgerKeys).catch((err) =>
  app.log.error({ err }, 'start-up checkpoint failed'),
);
// G-4: January drafts last year's 年报 for every agency and region.
const stopAnnualReports = scheduleAnnualReports(runtime.database.db, (err) =>
  app.log.error({ err }, 'annual report drafting failed'),
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: finishing in-flight requests');
  const timer = setTimeout(() => {
    app.log.error('shutdown timed out after 20 s');
    process.exit(1);
  }, 20_000);
  clearInterval(checkpointTimer);
  stopAnnualReports();
  try {
    await app.close();
    await runtime.close();
  } finally {
    clearTimeout(timer);
  }
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
