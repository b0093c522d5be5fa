import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { ERRORS } from '@tus/server';
import { type RemoteSm3, Sm3Worker } from './sm3Worker.js';

export interface Digests {
  sm3: string;
  sha256: string;
}

interface HashState {
  /** How many bytes of the staged file both hashes have consumed. */
  offset: number;
  sm3: RemoteSm3;
  sha256: Hash;
  touched: number;
}

/** Hash states of uploads nobody has written to for this long are dropped (rebuilt from disk if the client returns). */
const IDLE_MS = 60 * 60 * 1000;
/** Bytes buffered in front of the staged file while a disk write is in progress. */
const WRITE_BUFFER = 4 * 1024 * 1024;
const SYNC_EVERY = 64 * 1024 * 1024;

/**
 * The tus staging store (@tus/file-store) that computes SM3 and SHA-256 while the bytes stream to
 * disk, so a 4 GB file is never read twice and never held in memory. SHA-256 (fast) runs on the
 * request thread, SM3 (slow) in a worker thread beside it (sm3Worker.ts).
 *
 * Resuming: node:crypto cannot save a hash's internal state, so each upload keeps its two live
 * hashes in memory together with the offset they have reached. A PATCH that continues
 * exactly at that offset (the usual case: one process, the previous request ended cleanly, even
 * when the client was cut off — tus then ends the write gracefully and the file holds exactly the
 * bytes hashed) just carries on. In every other case — the server restarted, another server
 * process staged the earlier bytes, the previous write failed so it is unknown what reached the
 * disk, or the state was evicted as idle — the hashes are rebuilt by reading the already-stored
 * prefix [0, offset) from disk once, and the PATCH continues from there. The digests are thus
 * always of the bytes on disk, which are the bytes the client sent.
 */
export class DigestingFileStore extends FileStore {
  private readonly states = new Map<string, HashState>();
  private readonly sm3 = new Sm3Worker();
  readonly root: string;

  constructor(options: ConstructorParameters<typeof FileStore>[0]) {
    super(options);
    this.root = resolve(options.directory);
  }

  /** The staged file of an upload (ids are random hex chosen by the server). */
  pathOf(id: string): string {
    const path = join(this.root, id);
    if (!/^[0-9a-f]{32}$/.test(id) || !path.startsWith(this.root + sep)) throw ERRORS.FILE_NOT_FOUND;
    return path;
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const path = this.pathOf(id);
    this.evictIdle();
    const state = await this.stateAt(id, offset);
    // Taken out while this write runs: if it fails, what reached the disk is unknown and the
    // next write rebuilds the state from the file.
    this.states.delete(id);
    const handle = await open(path, 'r+');
    // A large buffer before the disk, so the socket keeps flowing while a write is in progress.
    const file = handle.createWriteStream({ start: offset, highWaterMark: WRITE_BUFFER });
    // Flush-behind: every SYNC_EVERY bytes the data so far is flushed in the background, so the
    // fsync that makes the finished file durable (LocalFileStore) has little left to do.
    let unsynced = 0;
    let syncing: Promise<void> | undefined;
    const flushBehind = () => {
      if (syncing || unsynced < SYNC_EVERY) return;
      unsynced = 0;
      syncing = handle.datasync().then(
        () => {
          syncing = undefined;
        },
        () => {
          syncing = undefined;
        },
      );
    };
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        state.sha256.update(chunk);
        state.offset += chunk.length;
        unsynced += chunk.length;
        flushBehind();
        const wait = state.sm3.update(chunk);
        if (wait) wait.then(() => callback(null, chunk), callback);
        else callback(null, chunk);
      },
      // The file is closed after this: no background flush may still be using its descriptor.
      flush(callback) {
        if (syncing) syncing.then(() => callback(), callback);
        else callback();
      },
    });
    try {
      await pipeline(readable, hashing, file);
    } catch {
      await syncing;
      state.sm3.drop();
      throw ERRORS.FILE_WRITE_ERROR;
    }
    state.touched = Date.now();
    this.states.set(id, state);
    return state.offset;
  }

  /** The digests of the complete staged file; the upload's hash state is used up. */
  async digests(id: string, size: number): Promise<Digests> {
    const state = await this.stateAt(id, size);
    this.states.delete(id);
    return { sm3: await state.sm3.digest(), sha256: state.sha256.digest('hex') };
  }

  override async remove(id: string): Promise<void> {
    this.forget(id);
    await super.remove(id);
  }

  /** Removes what is left of a finished upload: its metadata, and its file if still there. */
  async discard(id: string): Promise<void> {
    this.forget(id);
    await this.configstore.delete(id);
    await rm(this.pathOf(id), { force: true });
  }

  /** Stops the SM3 worker (when the server closes). */
  async close(): Promise<void> {
    await this.sm3.close();
  }

  private forget(id: string): void {
    this.states.get(id)?.sm3.drop();
    this.states.delete(id);
  }

  private async stateAt(id: string, offset: number): Promise<HashState> {
    const live = this.states.get(id);
    if (live && live.offset === offset) return live;
    this.forget(id);
    const state: HashState = { offset: 0, sm3: this.sm3.create(), sha256: createHash('sha256'), touched: Date.now() };
    try {
      if (offset > 0) {
        const prefix = createReadStream(this.pathOf(id), { start: 0, end: offset - 1, highWaterMark: 1024 * 1024 });
        for await (const chunk of prefix as AsyncIterable<Buffer>) {
          state.sha256.update(chunk);
          state.offset += chunk.length;
          await state.sm3.update(chunk);
        }
        if (state.offset !== offset) throw ERRORS.FILE_WRITE_ERROR;
      }
    } catch (err) {
      state.sm3.drop();
      throw err;
    }
    return state;
  }

  private evictIdle(): void {
    const now = Date.now();
    for (const [id, s] of this.states) if (now - s.touched > IDLE_MS) this.forget(id);
  }
}
