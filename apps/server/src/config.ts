import { join, resolve } from 'node:path';

/** Everything the server reads from its environment, in one place (documented in README.md). */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL server; when absent the server runs PGlite in `${dataDir}/db`. */
  databaseUrl: string | undefined;
  /** Load demo data into an empty database on start. Default: on for PGlite, off for a server. */
  demoData: boolean;
  /** Mark the session cookie Secure (set when served behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  sessionHours: number;
  /** Hash of the ledger, chosen when a deployment is created and fixed afterwards. */
  ledgerHash: 'sm3' | 'sha256' | undefined;
  /** The checkpoint origin line (C2SP tlog-checkpoint): a name unique to this deployment's log. */
  ledgerOrigin: string | undefined;
  /** Where the log's and the witness's SM2 keys live (never in the database). */
  keysDir: string;
  witnessKeyFile: string | undefined;
  /** Minutes between scheduled checkpoints; 0 turns the schedule off. */
  checkpointMinutes: number;
  /** Evidence and AV files when no S3 store is configured (content-addressed by SHA-256). */
  filesDir: string;
  /** Resumable uploads being received (tus), before they are verified and moved to the file store. */
  uploadsDir: string;
  /** An S3-compatible object store (MinIO, Ceph, cloud) for the files; set by S3_BUCKET. */
  s3: S3Config | undefined;
  /** Requests per minute from one client address to the public API (/api/public/*); 0 turns the limit off. */
  publicRateLimit: number;
}

export const DEFAULT_PUBLIC_RATE_LIMIT = 120;

export interface S3Config {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and Ceph need; default on when S3_ENDPOINT is set. */
  forcePathStyle: boolean;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function ledgerHash(value: string | undefined): 'sm3' | 'sha256' | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase().replace('-', '');
  if (v === 'sm3' || v === 'sha256') return v;
  throw new Error(`LEDGER_HASH 只能是 sm3 或 sha256：${value}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT 无效：${env.PORT}`);
  }
  // Relative paths are taken from where the command was typed: `npm start` runs the server
  // in apps/server, but npm passes the invoking directory as INIT_CWD, so ./data is the project's.
  const base = env.INIT_CWD || process.cwd();
  const dataDir = resolve(base, env.DATA_DIR || 'data');
  const publicRateLimit = Number(env.PUBLIC_RATE_LIMIT || DEFAULT_PUBLIC_RATE_LIMIT);
  if (!Number.isInteger(publicRateLimit) || publicRateLimit < 0) {
    throw new Error(`PUBLIC_RATE_LIMIT 无效（应为每分钟请求数，0 表示不限）：${env.PUBLIC_RATE_LIMIT}`);
  }
  return {
    host: env.HOST || '127.0.0.1',
    port,
    dataDir,
    databaseUrl,
    demoData: flag(env.DEMO_DATA, databaseUrl === undefined),
    secureCookies: flag(env.SECURE_COOKIES, false),
    logLevel: env.LOG_LEVEL || 'info',
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    ledgerHash: ledgerHash(env.LEDGER_HASH),
    ledgerOrigin: env.LEDGER_ORIGIN || undefined,
    keysDir: env.KEYS_DIR ? resolve(base, env.KEYS_DIR) : join(dataDir, 'keys'),
    witnessKeyFile: env.WITNESS_KEY_FILE ? resolve(base, env.WITNESS_KEY_FILE) : undefined,
    checkpointMinutes: Number(env.CHECKPOINT_MINUTES ?? 10),
    filesDir: env.FILES_DIR ? resolve(base, env.FILES_DIR) : join(dataDir, 'files'),
    uploadsDir: env.UPLOADS_DIR ? resolve(base, env.UPLOADS_DIR) : join(dataDir, 'uploads'),
    s3: env.S3_BUCKET
      ? {
          endpoint: env.S3_ENDPOINT || undefined,
          bucket: env.S3_BUCKET,
          region: env.S3_REGION || 'us-east-1',
          accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
          forcePathStyle: flag(env.S3_FORCE_PATH_STYLE, Boolean(env.S3_ENDPOINT)),
        }
      : undefined,
    publicRateLimit,
  };
}
