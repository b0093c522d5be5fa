/**
 * 工作日与期限 — the working-day calendar (rules P-85, C-69, L-82, CAL, CAL-1, CAL-2).
 *
 * - Dates are Asia/Shanghai calendar dates written 'YYYY-MM-DD' (see `shanghaiDate`). All arithmetic here is
 *   done on those strings through UTC midnights, so results never depend on the machine's time zone.
 * - CAL: a day is a working day unless the State Council's yearly notice (国务院办公厅关于部分节假日安排的通知)
 *   makes it a holiday; a weekend day is a rest day unless the notice makes it a make-up working day (调休上班).
 *   The data comes from the maintained `chinese-days` package (2004–2026 in 1.5.7). We read its published data
 *   file `dist/chinese-days.json` rather than calling its functions, because those parse 'YYYY-MM-DD' as UTC and
 *   read it back in local time (wrong answers west of UTC), and because for a year it has no data for they silently
 *   treat every weekday as a working day.
 * - A year the package lacks (or gets wrong) is supplied by an administrator as a `CalendarYearOverride`, which
 *   replaces the package's data for that whole year. Any lookup in a year with neither throws
 *   `CalendarDataMissingError`: a deadline is never guessed.
 * - CAL-1: the day a period starts (decision, service, receipt) is not counted; counting begins the next day.
 * - P-85 / C-69 / L-82: short periods count working days — `addWorkingDays`.
 * - CAL-2: a period counted in calendar days whose last day is not a working day (statutory holiday or weekend)
 *   ends on the first working day after it — `addCalendarDays`. A make-up working Saturday is a working day.
 * - Which rule uses which count is defined once, in `./deadlines.ts` (`DEADLINE_RULES`).
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isCalendarDate } from '../calendarDate.js';

export type DayCount = 'working' | 'calendar';

/** Admin-entered data for a year the package lacks (or a correction): the whole year must be declared. */
export interface CalendarYearOverride {
  year: number;
  /** Every statutory rest day of the year's notice, weekends inside holiday periods included ('YYYY-MM-DD'). */
  holidays: string[];
  /** Make-up working weekend days (调休上班). */
  workdays: string[];
  /** e.g. the notice's number, 国办发明电〔2026〕X号. */
  note?: string;
}

export class CalendarDataMissingError extends Error {
  readonly code = 'CALENDAR_DATA_MISSING';
  constructor(readonly year: number) {
    super(
      `${year} 年的法定节假日安排尚未录入，无法计算期限；请系统管理员在“节假日设置”中录入国务院办公厅公布的 ${year} 年安排`,
    );
    this.name = 'CalendarDataMissingError';
  }
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  date: string;
  working: boolean;
  /** 'holiday' = statutory rest day of the notice; 'makeUpWorkday' = 调休上班 on a weekend. */
  kind: DayKind;
  /** The holiday's Chinese name from the package ('春节', '国庆节', '中秋' …), for holidays and make-up days; null otherwise. */
  name: string | null;
}

interface YearData {
  /** date → Chinese holiday name ('' when the source gives none). */
  holidays: Map<string, string>;
  workdays: Map<string, string>;
  source: 'package' | 'override';
}

const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function isWeekend(date: string): boolean {
  const dow = new Date(toUtcMs(date)).getUTCDay();
  return dow === 0 || dow === 6;
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`天数应为非负整数：${n}`);
}

/** The calendar date `n` days after `date` (n may be negative). Pure date arithmetic, no holiday rules. */
export function shiftDate(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`天数应为整数：${n}`);
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Calendar days from `from` to `to` (negative if `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** chinese-days stores 'English name,中文名,n'; keep the Chinese name. */
function chineseName(raw: string): string {
  return raw.split(',')[1]?.trim() ?? '';
}

function packageYears(): Map<number, YearData> {
  const years = new Map<number, YearData>();
  const get = (date: string): YearData => {
    const y = yearOf(date);
    let data = years.get(y);
    if (!data) {
      data = { holidays: new Map(), workdays: new Map(), source: 'package' };
      years.set(y, data);
    }
    return data;
  };
  const holidays: Record<string, string> = chineseDaysData.holidays;
  const workdays: Record<string, string> = chineseDaysData.workdays;
  for (const [date, raw] of Object.entries(holidays)) get(date).holidays.set(date, chineseName(raw));
  for (const [date, raw] of Object.entries(workdays)) get(date).workdays.set(date, chineseName(raw));
  return years;
}

/** Problems with an admin-entered year (Chinese messages, empty when fine). */
export function validateCalendarYearOverride(o: CalendarYearOverride): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.year) || o.year < 1000 || o.year > 9999) return [`年份无效：${o.year}`];
  if (o.holidays.length === 0) problems.push(`${o.year} 年未录入任何法定节假日`);
  const seen = new Set<string>();
  const check = (date: string, what: string): boolean => {
    if (!isCalendarDate(date)) {
      problems.push(`${what}日期格式无效：${date}`);
      return false;
    }
    if (yearOf(date) !== o.year) {
      problems.push(`${what} ${date} 不在 ${o.year} 年`);
      return false;
    }
    if (seen.has(date)) {
      problems.push(`${date} 重复录入`);
      return false;
    }
    seen.add(date);
    return true;
  };
  for (const d of o.holidays) check(d, '节假日');
  for (const d of o.workdays) {
    if (check(d, '调休上班日') && !isWeekend(d)) problems.push(`调休上班日 ${d} 不是周六或周日`);
  }
  return problems;
}

export class WorkCalendar {
  readonly #years: Map<number, YearData>;

  constructor(overrides: CalendarYearOverride[] = []) {
    this.#years = packageYears();
    const overridden = new Set<number>();
    for (const o of overrides) {
      const problems = validateCalendarYearOverride(o);
      if (overridden.has(o.year)) problems.push(`${o.year} 年的节假日安排录入了不止一次`);
      if (problems.length > 0) throw new RangeError(`节假日设置有误：${problems.join('；')}`);
      overridden.add(o.year);
      // An override replaces the package's data for the whole year (CAL).
      this.#years.set(o.year, {
        holidays: new Map(o.holidays.map((d) => [d, ''])),
        workdays: new Map(o.workdays.map((d) => [d, ''])),
        source: 'override',
      });
    }
  }

  /** Years covered: the package's years (detected from its data) plus override years. */
  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  coveredYears(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  /** Where a covered year's data comes from, or null when the year is not covered. */
  yearSource(year: number): 'package' | 'override' | null {
    return this.#years.get(year)?.source ?? null;
  }

  #year(date: string): YearData {
    toUtcMs(date); // validates
    const year = yearOf(date);
    const data = this.#years.get(year);
    // CAL: never guess a year nobody has declared.
    if (!data) throw new CalendarDataMissingError(year);
    return data;
  }

  /** Throws CalendarDataMissingError for an uncovered year. */
  dayInfo(date: string): DayInfo {
    const data = this.#year(date);
    const holiday = data.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday || null };
    const workday = data.workdays.get(date);
    if (workday !== undefined) return { date, working: true, kind: 'makeUpWorkday', name: workday || null };
    return isWeekend(date)
      ? { date, working: false, kind: 'weekend', name: null }
      : { date, working: true, kind: 'workday', name: null };
  }

  /** Throws CalendarDataMissingError for an uncovered year. */
  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }

  /** The holiday's name ('国庆节', '春节', '中秋' …) when `date` is a statutory holiday and a name is known, else null. */
  holidayName(date: string): string | null {
    const info = this.dayInfo(date);
    return info.kind === 'holiday' ? info.name : null;
  }

  /** CAL-1: the start day is not counted; returns the date of the n-th working day after start (P-85, C-69, L-82). */
  addWorkingDays(start: string, n: number): string {
    assertCount(n);
    let ms = toUtcMs(start);
    for (let counted = 0; counted < n; ) {
      ms += DAY_MS;
      if (this.isWorkingDay(fromUtcMs(ms))) counted++;
    }
    return fromUtcMs(ms);
  }

  /** CAL-1 + CAL-2: start + n calendar days; if that day is not a working day (holiday or weekend), the first working day after it. */
  addCalendarDays(start: string, n: number): string {
    assertCount(n);
    let ms = toUtcMs(start) + n * DAY_MS;
    // CAL-2: a last day on a rest day moves to the next working day.
    while (!this.isWorkingDay(fromUtcMs(ms))) ms += DAY_MS;
    return fromUtcMs(ms);
  }

  /** Working days strictly after `from` up to and including `to` (0 if to <= from). */
  workingDaysBetween(from: string, to: string): number {
    const end = toUtcMs(to);
    let count = 0;
    for (let ms = toUtcMs(from) + DAY_MS; ms <= end; ms += DAY_MS) {
      if (this.isWorkingDay(fromUtcMs(ms))) count++;
    }
    return count;
  }
}
