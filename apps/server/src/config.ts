import { isIP } from 'node:net';
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
  /** Public search answers kept for the next to ask the same (PUBLIC_ANSWERS, disclosure/publicAnswers.ts); 0: none. */
  publicAnswers: number;
  /** Fastify `trustProxy` (TRUST_PROXY): false, true, a number of hops, or trusted proxy addresses/CIDRs. */
  trustProxy: TrustProxy;
  /** Origin printed in credential QR codes (PUBLIC_BASE_URL); default: the origin of the request. */
  publicBaseUrl: string | undefined;
}

export type TrustProxy = boolean | number | string[];

export const DEFAULT_PUBLIC_RATE_LIMIT = 120;
export const DEFAULT_PUBLIC_ANSWERS = 256;

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
  const publicAnswers = Number(env.PUBLIC_ANSWERS || DEFAULT_PUBLIC_ANSWERS);
  if (!Number.isInteger(publicAnswers) || publicAnswers < 0) {
    throw new Error(`PUBLIC_ANSWERS 无效（应为保留的检索结果页数，0 表示不保留）：${env.PUBLIC_ANSWERS}`);
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
    publicAnswers,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicBaseUrl: parsePublicBaseUrl(env.PUBLIC_BASE_URL),
  };
}

/**
 * TRUST_PROXY: unset/false/off → the client is the peer (default); true/on → trust every proxy (only when
 * the server cannot be reached except through the proxy); a whole number → that many hops; otherwise a
 * comma-separated list of proxy addresses or CIDR ranges (e.g. `127.0.0.1,10.0.0.0/8`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || ['false', 'off', 'no', '0'].includes(v.toLowerCase())) return false;
  if (['true', 'on', 'yes'].includes(v.toLowerCase())) return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of list) {
    const [address, bits, extra] = item.split('/');
    const kind = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (kind === 6 ? 128 : 32));
    if (!kind || !bitsOk || extra !== undefined) {
      throw new Error(
        `TRUST_PROXY 无效（应为 true、代理层数或以逗号分隔的代理 IP / CIDR，如 127.0.0.1,10.0.0.0/8）：${value}`,
      );
    }
  }
  return list;
}

function parsePublicBaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_BASE_URL 无效（应为网址，如 https://zfgs.example.gov.cn）：${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_BASE_URL 只能是 http 或 https 网址：${value}`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The form Fastify's types take: a number of hops becomes the function proxy-addr would make of it. */
export function fastifyTrustProxy(
  t: TrustProxy | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof t === 'number') return (_address, hop) => hop < t;
  return t ?? false;
}
