import { shanghaiDate } from '@sanxiang/domain';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { agencies, cases } from '../../db/schema.js';
import { systemDraft } from './annualReportService.js';

/**
 * The demo county's 年报 (G-4): the demo cases fall in the current year, so the current year's drafts
 * are generated for every agency with cases and for the county (the justice bureau's summary), for
 * the console to show. Nothing is published: that is for a person to do after review.
 */
export async function loadDemoAnnualReports(db: Db, today = shanghaiDate()): Promise<number> {
  const year = Number(today.slice(0, 4));
  const withCases = await db
    .selectDistinct({ id: cases.agencyId })
    .from(cases)
    .where(sql`${cases.leadOn} >= ${`${year}-01-01`}`);
  const bureaus = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.role, 'supervisor'));
  let n = 0;
  for (const a of [...withCases, ...bureaus]) {
    if (await systemDraft(db, a.id, year, today)) n++;
  }
  return n;
}
