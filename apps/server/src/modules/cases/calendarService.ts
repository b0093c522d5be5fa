import { CalendarDataMissingError, type CalendarYearOverride, WorkCalendar } from '@sanxiang/domain';
import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { calendarOverrides } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';

/**
 * The working-day calendar (CAL): chinese-days' data plus the years an administrator entered.
 * Read per use: overrides are a handful of rows and several server processes may share a database.
 */
export async function loadCalendar(db: Executor): Promise<WorkCalendar> {
  const rows = await db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.year));
  const overrides: CalendarYearOverride[] = rows.map((r) => ({
    year: r.year,
    holidays: r.holidays,
    workdays: r.workdays,
    note: r.note,
  }));
  return new WorkCalendar(overrides);
}

/** Runs a calendar computation; a year without holiday data becomes a visible 409, never a guess (CAL). */
export async function withCalendar<T>(compute: () => T | Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (err) {
    if (err instanceof CalendarDataMissingError) throw new DomainError(err.code, err.message, 409);
    throw err;
  }
}
