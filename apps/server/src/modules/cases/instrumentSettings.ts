import { DEFAULT_DISCLOSURE_PERIODS, DEFAULT_REVIEW_DAYS, type DisclosurePeriods } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { agencies, agencyInstrumentSettings, regions } from '../../db/schema.js';

/** `isDefault`: derived from the agency's name and region, not yet set by its administrator. */
export type InstrumentSettings = Omit<typeof agencyInstrumentSettings.$inferSelect, 'publicYears'> & {
  /** G-3a: years a disclosure stays public, per category and party type. */
  publicYears: DisclosurePeriods;
  isDefault: boolean;
};

export const DEFAULT_NUMBER_PATTERN = '{abbr}{word}〔{year}〕{seq}号';

/**
 * An agency's instrument settings, with defaults derived from its name and region until an
 * administrator sets them: 示例县应急管理局 → 机关代字 示应急, 复议机关 示例县人民政府, 法院 示例县人民法院;
 * 较大数额 ¥10,000 / ¥30,000 (安全生产违法行为行政处罚办法, RULES.md); disclosures public for 2 years
 * (natural persons) or 5 (G-3a).
 */
export async function instrumentSettingsOf(db: Executor, agencyId: number): Promise<InstrumentSettings> {
  const [row] = await db.select().from(agencyInstrumentSettings).where(eq(agencyInstrumentSettings.agencyId, agencyId));
  if (row) {
    const publicYears = { ...DEFAULT_DISCLOSURE_PERIODS, ...((row.publicYears as DisclosurePeriods | null) ?? {}) };
    return { ...row, publicYears, isDefault: false };
  }
  const [agency] = await db
    .select({ name: agencies.name, regionName: regions.name })
    .from(agencies)
    .innerJoin(regions, eq(regions.code, agencies.regionCode))
    .where(eq(agencies.id, agencyId));
  const regionName = agency?.regionName ?? '';
  const name = agency?.name ?? '';
  const rest = name.startsWith(regionName) ? name.slice(regionName.length) : name;
  return {
    agencyId,
    abbreviation: `${regionName.slice(0, 1)}${rest.replace(/(管理)?(局|委员会|委|厅|办公室|大队|支队)$/, '').slice(0, 2)}`,
    numberPattern: DEFAULT_NUMBER_PATTERN,
    reconsiderationBody: `${regionName}人民政府`,
    court: `${regionName}人民法院`,
    hearingThresholdPersonFen: 1_000_000,
    hearingThresholdOrganizationFen: 3_000_000,
    reviewDays: DEFAULT_REVIEW_DAYS,
    publicYears: DEFAULT_DISCLOSURE_PERIODS,
    isDefault: true,
  };
}

export function formatInstrumentNumber(
  pattern: string,
  parts: { abbr: string; word: string; year: number; seq: number },
) {
  return pattern
    .replaceAll('{abbr}', parts.abbr)
    .replaceAll('{word}', parts.word)
    .replaceAll('{year}', String(parts.year))
    .replaceAll('{seq}', String(parts.seq));
}
