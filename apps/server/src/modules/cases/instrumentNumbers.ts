import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { instrumentSequences } from '../../db/schema.js';

/**
 * The next number of an agency's instrument type in a year. The upsert takes a row lock that is
 * held until the transaction ends: concurrent issuers wait, and a rolled-back issue returns its
 * number, so numbers are unique and without gaps.
 */
export async function nextSequence(tx: Tx, agencyId: number, type: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(instrumentSequences)
    .values({ agencyId, type, year, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [instrumentSequences.agencyId, instrumentSequences.type, instrumentSequences.year],
      set: { lastSeq: sql`${instrumentSequences.lastSeq} + 1` },
    })
    .returning({ seq: instrumentSequences.lastSeq });
  if (!row) throw new Error('sequence upsert returned nothing');
  return row.seq;
}
