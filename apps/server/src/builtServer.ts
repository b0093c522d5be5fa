import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server as `npm start` runs it (keep in step with the `start` script in apps/server/package.json):
 * the JavaScript that scripts/build.mjs compiles, started by plain node in SERVER_DIR. The tests
 * and benchmarks that start "the product" use these, so they run what a county runs.
 */
export const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_SERVER_ARGS = ['--conditions=sanxiang-dist', 'dist/main.js'];

/** Compiles the server and the domain package (about a quarter of a second). */
export function buildServer(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: SERVER_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the system chose it; it is released before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('没有可用端口')),
      );
    });
  });
}

/** A compiled server running in its own process (startBuiltServer). */
export interface BuiltServer {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
  /** The last 64 000 characters the process wrote, stdout and stderr together. */
  output(): string;
  /** The process's exit code, once it has exited. */
  exited: Promise<number | null>;
  /** Resolves once GET /api/health answers 200; rejects, with the output, if the process exits or time runs out. */
  healthy(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within 15 s; the exit code. */
  stop(): Promise<number | null>;
}

const OUTPUT_KEPT = 64_000;

/**
 * Starts the built server (BUILT_SERVER_ARGS, in SERVER_DIR) on a free port of 127.0.0.1, with `env`
 * over this process's environment (LOG_LEVEL warn unless `env` says otherwise). Does not wait for it:
 * call `healthy()`, or await `exited` for a start that should fail.
 */
export async function startBuiltServer(env: NodeJS.ProcessEnv): Promise<BuiltServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, BUILT_SERVER_ARGS, {
    cwd: SERVER_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const healthy = async (timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`服务器提前退出（${child.exitCode}）：\n${out}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`服务器 ${timeoutMs / 1000} 秒内未就绪：\n${out}`);
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };
  return { child, port, base, output: () => out, exited, healthy, stop };
}
