import { DEFAULT_PUBLIC_ANSWERS } from '../../config.js';
import type { Executor } from '../../db/connection.js';
import { disclosureGeneration } from '../../db/schema.js';

/**
 * The public search's recent answers, so that what many people ask (the newest, a category, a common
 * word, an agency's page) costs the database one row read instead of a search. An answer is kept under
 * the day it was computed on (records leave the public lists when their period ends) and the value of
 * `disclosure_generation`, which every change to `disclosures` raises in its own transaction (migration
 * 0012): a publication, withdrawal or correction committed by any server process, or by hand, is seen by
 * the next search, never served stale. Asked the same question while it is being answered, a second
 * caller waits for the same answer rather than asking the database again.
 *
 * Bounded: at most `max` answers (PUBLIC_ANSWERS, default 256; each one page of at most 100 records), least
 * recently used first out. No time limit: the day and the counter decide whether an answer still holds.
 */

interface Kept {
  generation: number;
  answer: Promise<unknown>;
}

const cacheOf = new WeakMap<object, Map<string, Kept>>();

/** The current value of the counter: one primary-key read. */
export async function disclosuresGeneration(db: Executor): Promise<number> {
  const [row] = await db.select({ n: disclosureGeneration.n }).from(disclosureGeneration);
  return row?.n ?? 0;
}

/**
 * The answer to `question` for the records as they are now: kept, or computed by `compute` and kept
 * (with `max` 0, always computed). `db` is the database the answers come from (one cache per database).
 */
export async function publicAnswer<T>(
  db: Executor,
  question: string,
  compute: () => Promise<T>,
  max = DEFAULT_PUBLIC_ANSWERS,
): Promise<T> {
  if (max === 0) return compute();
  let cache = cacheOf.get(db);
  if (!cache) {
    cache = new Map();
    cacheOf.set(db, cache);
  }
  const generation = await disclosuresGeneration(db);
  const kept = cache.get(question);
  if (kept) {
    cache.delete(question);
    if (kept.generation === generation) {
      cache.set(question, kept); // most recently used last
      return kept.answer as Promise<T>;
    }
  }
  const answer = compute();
  const entry: Kept = { generation, answer };
  cache.set(question, entry);
  // A failed answer is not kept.
  answer.catch(() => {
    if (cache.get(question) === entry) cache.delete(question);
  });
  while (cache.size > max) cache.delete(cache.keys().next().value as string);
  return answer;
}

/** Drops the kept answers (a test that changes how the search goes, not what it finds). */
export function forgetPublicAnswers(db: Executor): void {
  cacheOf.delete(db);
}
