import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';

/** How long the frequencies are trusted before they are read again (ANALYZE runs far less often). */
const TTL_MS = 10 * 60 * 1000;

export interface KeyFrequencies {
  of: Map<string, number>;
  /** What a key not listed is taken for: half the least frequent listed one, as PostgreSQL's planner does. */
  unlisted: number;
}

/** No key known: what a search without words uses, and what the statistics give before the first ANALYZE. */
export const NO_FREQUENCIES: KeyFrequencies = { of: new Map(), unlisted: 0 };

interface Cached extends KeyFrequencies {
  at: number;
}

const cache = new WeakMap<object, Cached>();

/**
 * How often each common search key occurs among the disclosures, as PostgreSQL's ANALYZE sampled it
 * (`pg_stats.most_common_elems` of `search_keys`, with `SET STATISTICS 1000` up to about 10 000 keys).
 * The sample can miss a key of a few percent, so an unlisted one is not taken for absent. Empty before the first ANALYZE (autovacuum
 * runs it once enough rows changed), which makes every search take the path for rare words: exact,
 * and cheap at that size.
 */
export async function searchKeyFrequencies(db: Executor): Promise<KeyFrequencies> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  const { rows } = (await db.execute(sql`
    select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs
    from pg_stats where tablename = 'disclosures' and attname = 'search_keys'`)) as unknown as {
    rows: { elems: string[] | null; freqs: number[] | null }[];
  };
  const of = new Map<string, number>();
  let unlisted = 0;
  for (const r of rows) {
    // The frequencies end with three summary numbers (minimum, maximum, null fraction).
    (r.elems ?? []).forEach((k, i) => {
      of.set(k, Math.max(of.get(k) ?? 0, Number(r.freqs?.[i] ?? 0)));
    });
    const elems = r.elems?.length ?? 0;
    if (elems > 0) unlisted = Number(r.freqs?.[elems] ?? 0) / 2;
  }
  const frequencies = { of, unlisted };
  cache.set(db, { at: Date.now(), ...frequencies });
  return frequencies;
}

/** Forgets what was read, so the next search reads the statistics again (after an ANALYZE, in tests). */
export function forgetSearchKeyFrequencies(db: Executor): void {
  cache.delete(db);
}

/** How often `key` is expected among the records. */
export const frequencyOf = (key: string, f: KeyFrequencies) => f.of.get(key) ?? f.unlisted;

/**
 * The share of records expected to have every term: a term is as rare as its rarest key (its keys occur
 * together), terms are taken as independent.
 */
export function expectedShare(termKeys: string[][], f: KeyFrequencies): number {
  let share = 1;
  for (const keys of termKeys) {
    if (keys.length === 0) continue;
    share *= Math.min(...keys.map((k) => frequencyOf(k, f)));
  }
  return share;
}
