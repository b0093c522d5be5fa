import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `数据目录 ${dataDir} 正被另一个三项服务进程使用。内嵌数据库（PGlite）不能由两个进程同时打开，` +
        '否则会静默丢失数据。请先停止另一个进程，或用 DATA_DIR 指定其他数据目录。',
    );
  }
}

/**
 * Holds an exclusive lock on the data directory for the life of the process. PGlite puts no lock
 * of its own there, and a second process writing to the same files silently loses writes.
 */
export async function lockDataDir(dataDir: string, onCompromised: (err: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}/.lock`,
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      onCompromised,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw err;
  }
}
