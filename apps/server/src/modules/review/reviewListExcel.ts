import {
  type BenchmarkItem,
  type BenchmarkTier,
  benchmarkItemProblems,
  codeForLabel,
  DISCRETION_TIER_LABELS,
  DISCRETION_TIERS,
  MAJOR_CRITERIA,
  MAJOR_CRITERION_LABELS,
  MAJOR_MEASURE_LABELS,
  MAJOR_MEASURES,
  type MajorRule,
  majorRuleProblems,
  SANCTION_KIND_LABELS,
  SANCTION_KINDS,
  shanghaiDate,
} from '@sanxiang/domain';
import { z } from 'zod';
import { DomainError, type ErrorItem } from '../../http/errors.js';
import { buildWorkbook, type Column, importFailed, readSheet, type SheetRow } from '../registry/excelWorkbook.js';
import { type ListVersion, REVIEW_LISTS, type ReviewListKind } from './reviewLists.js';

/*
 * The entries of the two versioned lists as the API and the workbook accept them: one zod schema per
 * kind (Chinese messages), used for request bodies and for every row of an imported sheet, so both
 * refuse the same things. Entries are normalised on the way in (a catalog rule keeps only the fields its
 * criterion reads; duplicate kinds are dropped), so what is stored is exactly what the sheet shows and
 * an exported file imports back to an identical list.
 */

/** 100 亿元: anything larger is a typing error. */
const MAX_FEN = 1_000_000_000_000;
export const MAX_LIST_ENTRIES = 2000;

const text = (max: number, required = false) => {
  const s = z
    .string({ error: (i) => (i.input === undefined || i.input === null ? '必填' : '应为文字') })
    .trim()
    .max(max, `不能超过${max}个字`);
  return required ? s.min(1, '必填') : s;
};
const fen = z
  .number({ error: '应为金额（以分为单位的整数）' })
  .int('应为以分为单位的整数')
  .min(0, '不能为负数')
  .max(MAX_FEN, '金额过大');
const sanctionKinds = z
  .array(z.enum(SANCTION_KINDS, { error: '不是有效的处罚种类' }), { error: '应为处罚种类的列表' })
  .max(SANCTION_KINDS.length);
const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

const majorRuleSchema = z
  .object({
    code: text(30, true),
    label: text(200, true),
    criterion: z.enum(MAJOR_CRITERIA, { error: '不是有效的判断依据' }),
    sanctions: sanctionKinds.nullish(),
    measures: z
      .array(z.enum(MAJOR_MEASURES, { error: '不是有效的执法决定种类' }), { error: '应为执法决定种类的列表' })
      .max(MAJOR_MEASURES.length)
      .nullish(),
    thresholdFen: z
      .object({ person: fen, organization: fen }, { error: '应分别写明自然人和法人或其他组织的数额' })
      .nullish(),
    requiresDeliberation: z.boolean({ error: '应为是或否' }),
    basis: text(500),
  })
  .transform((r): MajorRule => {
    const rule: MajorRule = {
      code: r.code,
      label: r.label,
      criterion: r.criterion,
      requiresDeliberation: r.requiresDeliberation,
      basis: r.basis,
    };
    if (r.criterion === 'sanction') rule.sanctions = unique(r.sanctions ?? []);
    if (r.criterion === 'measure') rule.measures = unique(r.measures ?? []);
    if (r.criterion === 'amount' && r.thresholdFen) rule.thresholdFen = { ...r.thresholdFen };
    return rule;
  });

const fineRange = z
  .object({ minFen: fen, maxFen: fen }, { error: '应写明罚款下限和上限' })
  .refine((r) => r.maxFen >= r.minFen, { message: '上限不能低于下限', path: ['maxFen'] });

const tierSchema = z
  .object({
    tier: z.enum(DISCRETION_TIERS, { error: '不是有效的裁量阶次' }),
    circumstances: text(500),
    sanctions: sanctionKinds,
    fine: z
      .object({ person: fineRange, organization: fineRange }, { error: '应分别写明自然人和组织的罚款幅度' })
      .nullish(),
  })
  .superRefine((t, ctx) => {
    if (t.tier === 'exempt' && (t.sanctions.length > 0 || t.fine)) {
      ctx.addIssue({ code: 'custom', path: ['sanctions'], message: '不予处罚的阶次不能设定处罚种类或罚款幅度' });
    } else if (t.sanctions.includes('fine') && !t.fine) {
      ctx.addIssue({ code: 'custom', path: ['fine'], message: '处罚种类包括罚款的，须设定罚款幅度' });
    } else if (t.fine && !t.sanctions.includes('fine')) {
      ctx.addIssue({ code: 'custom', path: ['sanctions'], message: '设定了罚款幅度的，处罚种类应包括罚款' });
    }
  })
  .transform((t): BenchmarkTier => {
    const tier: BenchmarkTier = { tier: t.tier, circumstances: t.circumstances, sanctions: unique(t.sanctions) };
    if (t.fine) tier.fine = { person: { ...t.fine.person }, organization: { ...t.fine.organization } };
    return tier;
  });

const benchmarkItemSchema = z.object({
  code: text(30, true),
  violation: text(300, true),
  violatedProvision: text(500),
  penaltyBasis: text(500),
  tiers: z
    .array(tierSchema, { error: '应为裁量阶次的列表' })
    .min(1, '至少应有一个裁量阶次')
    .max(DISCRETION_TIERS.length, `最多${DISCRETION_TIERS.length}个裁量阶次`),
});

export const ENTRY_SCHEMAS = { catalog: majorRuleSchema, benchmarks: benchmarkItemSchema } as const;

/** Chinese names of entry fields, for messages about an API body. */
const PATH_LABELS: Record<string, string> = {
  code: '编号',
  label: '名称',
  criterion: '判断依据',
  sanctions: '处罚种类',
  measures: '其他执法决定',
  thresholdFen: '数额标准',
  requiresDeliberation: '须集体讨论',
  basis: '依据',
  violation: '违法行为',
  violatedProvision: '违反条款',
  penaltyBasis: '处罚依据',
  tiers: '裁量阶次',
  tier: '裁量阶次',
  circumstances: '适用情形',
  fine: '罚款幅度',
};

function pathLabel(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === 'person' || key === 'organization') {
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}（${key === 'person' ? '自然人' : '法人或其他组织'}）`;
    } else if (key === 'minFen' || key === 'maxFen') {
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}${key === 'minFen' ? '下限' : '上限'}`;
    } else if (typeof key === 'string') {
      const label = PATH_LABELS[key] ?? key;
      if (typeof next === 'number') {
        parts.push(`第${next + 1}个${label}`);
        i++;
      } else {
        parts.push(label);
      }
    }
  }
  return parts.join('的');
}

/**
 * The entries of a PUT body, validated and normalised; refuses with every problem (field
 * `entries.<index>.<path>`, message naming the entry as the list shows it).
 */
export function parseEntries(kind: ReviewListKind, raw: unknown): unknown[] {
  const label = REVIEW_LISTS[kind].label;
  if (!Array.isArray(raw)) {
    throw new DomainError('VALIDATION_FAILED', `请提交${label}的条目列表`, 400, 'entries');
  }
  if (raw.length > MAX_LIST_ENTRIES) {
    throw new DomainError('VALIDATION_FAILED', `${label}最多${MAX_LIST_ENTRIES}条`, 400, 'entries');
  }
  const schema = ENTRY_SCHEMAS[kind];
  const entries: unknown[] = [];
  const errors: ErrorItem[] = [];
  raw.forEach((entry, i) => {
    const result = schema.safeParse(entry);
    if (result.success) {
      entries.push(result.data);
      return;
    }
    const code = typeof (entry as { code?: unknown })?.code === 'string' ? (entry as { code: string }).code.trim() : '';
    const which = `第${i + 1}条${code ? `“${code}”` : ''}`;
    for (const issue of result.error.issues) {
      const where = pathLabel(issue.path);
      errors.push({
        field: ['entries', i, ...issue.path].map(String).join('.'),
        message: `${which}${where ? `的${where}` : ''}：${issue.message}`,
      });
    }
  });
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', errors[0]?.message ?? `${label}不完整`, 400, 'entries', errors);
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Money in the sheet: yuan, as people write it; integer fen in the data.

/** fen → yuan as a spreadsheet number (exact for every whole number of fen below 2^53). */
const yuanCell = (f: number) => f / 100;

/**
 * A cell's text in yuan to fen: blank → null; thousands separators and a trailing 元 are allowed; more
 * than two decimals are rounded half up on the decimal digits themselves (so a spreadsheet's
 * 1300.4999999999998 is 1300.50 元, and 1.005 is 1.01 元, where floating point would say 1.00).
 */
export function parseYuan(cell: string): { fen: number } | { error: string } | null {
  const s = cell.replace(/[\s,，]/g, '').replace(/元$/, '');
  if (s === '') return null;
  if (/^[-−－]/.test(s)) return { error: '金额不能为负数' };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m?.[1]) return { error: `“${cell}”不是有效的金额（单位：元，如 1000 或 1000.50）` };
  const decimals = (m[2] ?? '').padEnd(3, '0');
  let result = BigInt(m[1]) * 100n + BigInt(decimals.slice(0, 2));
  if (decimals.charCodeAt(2) >= 53 /* '5' */) result += 1n;
  if (result > BigInt(MAX_FEN)) return { error: '金额过大' };
  return { fen: Number(result) };
}

// ---------------------------------------------------------------------------------------------
// The sheets.

const YES = '是';
const NO = '否';
const joinLabels = <C extends string>(codes: readonly C[] | undefined, labels: Record<C, string>) =>
  (codes ?? []).map((c) => labels[c] ?? c).join('、');
const SEPARATORS = /^[、,，;；\s]+/;

/**
 * A cell listing kinds by their Chinese labels (or codes), separated by 、，；. Labels may themselves
 * contain 、 (划拨存款、汇款), so the longest label that ends at a separator wins.
 */
export function parseLabelList<C extends string>(
  cell: string,
  labels: Record<C, string>,
): { codes: C[]; unknown: string[] } {
  const names = (Object.entries(labels) as [C, string][])
    .flatMap(([code, label]): [string, C][] => [
      [label, code],
      [code, code],
    ])
    .sort((a, b) => b[0].length - a[0].length);
  const codes: C[] = [];
  const unknown: string[] = [];
  let rest = cell.replace(SEPARATORS, '');
  while (rest) {
    const hit = names.find(
      ([name]) => rest.startsWith(name) && (rest.length === name.length || SEPARATORS.test(rest.slice(name.length))),
    );
    const taken = hit ? hit[0] : (/^[^、,，;；\s]+/.exec(rest)?.[0] ?? rest);
    if (hit) {
      if (!codes.includes(hit[1])) codes.push(hit[1]);
    } else {
      unknown.push(taken);
    }
    rest = rest.slice(taken.length).replace(SEPARATORS, '');
  }
  return { codes, unknown };
}

const sanctionNote = `多项用顿号（、）分隔。可选：${Object.values(SANCTION_KIND_LABELS).join('、')}`;

const CATALOG_COLUMNS: Column<MajorRule>[] = [
  { header: '编号', required: true, width: 10, value: (r) => r.code, note: '同一清单内不得重复，如 S2-1' },
  { header: '名称', required: true, width: 36, value: (r) => r.label, note: '清单中该项的名称' },
  {
    header: '判断依据',
    required: true,
    width: 24,
    options: MAJOR_CRITERIA.map((c) => MAJOR_CRITERION_LABELS[c]),
    value: (r) => MAJOR_CRITERION_LABELS[r.criterion] ?? r.criterion,
    note: '该项据以认定重大执法决定的情形',
  },
  {
    header: '处罚种类',
    width: 28,
    value: (r) => (r.criterion === 'sanction' ? joinLabels(r.sanctions, SANCTION_KIND_LABELS) : ''),
    note: `判断依据为“处罚种类”时必填，拟作出其中任一种处罚即为重大执法决定；其他判断依据留空。${sanctionNote}`,
  },
  {
    header: '其他执法决定',
    width: 36,
    value: (r) => (r.criterion === 'measure' ? joinLabels(r.measures, MAJOR_MEASURE_LABELS) : ''),
    note: `判断依据为“其他执法决定”时必填，其他判断依据留空。多项用顿号（、）或分号（；）分隔。可选：${Object.values(MAJOR_MEASURE_LABELS).join('；')}`,
  },
  {
    header: '自然人数额标准（元）',
    width: 14,
    value: (r) => (r.criterion === 'amount' && r.thresholdFen ? yuanCell(r.thresholdFen.person) : ''),
    note: '判断依据为“罚没数额”时必填：对自然人罚没数额达到该数额以上（含本数）的为重大执法决定。单位元，可有两位小数',
  },
  {
    header: '法人或其他组织数额标准（元）',
    width: 16,
    value: (r) => (r.criterion === 'amount' && r.thresholdFen ? yuanCell(r.thresholdFen.organization) : ''),
    note: '判断依据为“罚没数额”时必填：对法人或者其他组织罚没数额达到该数额以上（含本数）的为重大执法决定',
  },
  {
    header: '须集体讨论',
    required: true,
    width: 10,
    options: [YES, NO],
    value: (r) => (r.requiresDeliberation ? YES : NO),
    note: '“是”：该项所列决定须经负责人集体讨论决定（行政处罚法第五十七条第二款）',
  },
  { header: '依据', width: 56, value: (r) => r.basis, note: '法律、法规、规章或规范性文件的名称和条款' },
];

interface BenchmarkRow {
  item: BenchmarkItem;
  tier: BenchmarkTier;
}
const fineCell = (r: BenchmarkRow, who: 'person' | 'organization', end: 'minFen' | 'maxFen') => {
  const range = r.tier.fine?.[who];
  return range ? yuanCell(range[end]) : '';
};
const FINE_NOTE = '单位元，可有两位小数。不罚款的阶次四列都留空；设定罚款幅度的，四列都须填写（不适用的填 0）';

const BENCHMARK_COLUMNS: Column<BenchmarkRow>[] = [
  {
    header: '编号',
    required: true,
    width: 12,
    value: (r) => r.item.code,
    note: '违法行为的编号，如 AQ-097-1。同一违法行为的每个裁量阶次各占一行，编号相同的行合为一个违法行为',
  },
  {
    header: '违法行为',
    required: true,
    width: 40,
    value: (r) => r.item.violation,
    note: '同一编号的各行可只在第一行填写；各行都填写的须一致（违反条款、处罚依据同）',
  },
  { header: '违反条款', width: 30, value: (r) => r.item.violatedProvision },
  { header: '处罚依据', width: 30, value: (r) => r.item.penaltyBasis },
  {
    header: '裁量阶次',
    required: true,
    width: 10,
    options: DISCRETION_TIERS.map((t) => DISCRETION_TIER_LABELS[t]),
    value: (r) => DISCRETION_TIER_LABELS[r.tier.tier] ?? r.tier.tier,
    note: '同一违法行为的阶次不得重复',
  },
  { header: '适用情形', width: 40, value: (r) => r.tier.circumstances },
  {
    header: '处罚种类',
    width: 24,
    value: (r) => joinLabels(r.tier.sanctions, SANCTION_KIND_LABELS),
    note: `该阶次可以适用的处罚种类；不予处罚的阶次留空。${sanctionNote}`,
  },
  {
    header: '自然人罚款下限（元）',
    width: 12,
    value: (r) => fineCell(r, 'person', 'minFen'),
    note: FINE_NOTE,
  },
  { header: '自然人罚款上限（元）', width: 12, value: (r) => fineCell(r, 'person', 'maxFen') },
  { header: '组织罚款下限（元）', width: 12, value: (r) => fineCell(r, 'organization', 'minFen') },
  { header: '组织罚款上限（元）', width: 12, value: (r) => fineCell(r, 'organization', 'maxFen') },
];

const NOTES: Record<ReviewListKind, string[]> = {
  catalog: [
    '每一行是清单中的一项。判断依据为“处罚种类”“其他执法决定”“罚没数额”时，分别填写对应的列；其他判断依据由案件办理中记录的情形认定，这几列留空。',
  ],
  benchmarks: [
    '每一行是一个违法行为的一个裁量阶次；编号相同的行合为一个违法行为，阶次按行的先后排列。',
    '拟作出的处罚超出所选阶次的处罚种类或罚款幅度的，法制审核时在“行政裁量基准适用是否适当”一项提示。',
  ],
};

/** The current (or any) version of a list as a workbook; the same layout is the import template. */
export async function exportList(
  kind: ReviewListKind,
  agencyName: string,
  version: ListVersion<unknown>,
): Promise<Buffer> {
  const label = REVIEW_LISTS[kind].label;
  const buffer =
    kind === 'catalog'
      ? await buildWorkbook(label, CATALOG_COLUMNS, version.entries as MajorRule[])
      : await buildWorkbook(
          label,
          BENCHMARK_COLUMNS,
          (version.entries as BenchmarkItem[]).flatMap((item) => item.tiers.map((tier) => ({ item, tier }))),
        );
  // The 填写说明 sheet also says which list and version this is, and how an import is saved.
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const notes = wb.getWorksheet('填写说明');
  if (notes) {
    const which =
      version.id === null
        ? '系统默认版本（本单位尚未保存自己的版本）'
        : `第${version.version}版（调整原因：${version.reason}；保存于 ${version.createdAt ? shanghaiDate(version.createdAt) : ''}）`;
    for (const line of [
      `本文件为${agencyName}${label}，${which}。`,
      ...NOTES[kind],
      '导入时整份文件保存为一个新版本，须填写调整原因；原有各版本保留，可随时查看。任何一行有错误，整个文件都不会导入。',
    ]) {
      notes.addRow(['', '', line]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Refuses an import naming the first wrong row in the message, every wrong row in the items. */
function refused(errors: ErrorItem[]): DomainError {
  const base = importFailed(errors);
  const first = errors[0];
  if (!first) return base;
  const where = `第${first.row}行${first.field ? `“${first.field}”` : ''}`;
  return new DomainError(
    base.code,
    `${base.message}。${where}：${first.message}${errors.length > 1 ? ' 等' : ''}`,
    base.status,
    base.field,
    errors,
  );
}

/** Turns a failed entry parse into errors on the sheet's rows (`rowOf` maps an issue path to its row). */
function issuesToRows(
  error: z.ZodError,
  rowOf: (path: readonly PropertyKey[]) => number,
  headerOf: (path: readonly PropertyKey[]) => string,
): ErrorItem[] {
  return error.issues.map((issue) => ({ row: rowOf(issue.path), field: headerOf(issue.path), message: issue.message }));
}

const CATALOG_HEADER: Record<string, string> = {
  code: '编号',
  label: '名称',
  criterion: '判断依据',
  sanctions: '处罚种类',
  measures: '其他执法决定',
  requiresDeliberation: '须集体讨论',
  basis: '依据',
};

function parseCatalog(rows: SheetRow[]): { entries: MajorRule[]; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const entries: MajorRule[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const v = (h: string) => values[h] ?? '';
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const before = errors.length;
    const code = v('编号');
    const first = seen.get(code);
    if (code && first) err('编号', `与第${first}行的编号重复`);
    else if (code) seen.set(code, row);

    const criterionText = v('判断依据');
    const criterion = codeForLabel(MAJOR_CRITERION_LABELS, criterionText);
    if (!criterion) {
      err(
        '判断依据',
        criterionText
          ? `未知的判断依据“${criterionText}”，可选：${Object.values(MAJOR_CRITERION_LABELS).join('、')}`
          : '必填',
      );
    }
    const sanctions = parseLabelList(v('处罚种类'), SANCTION_KIND_LABELS);
    for (const u of sanctions.unknown) err('处罚种类', `未知的处罚种类“${u}”`);
    const measures = parseLabelList(v('其他执法决定'), MAJOR_MEASURE_LABELS);
    for (const u of measures.unknown) err('其他执法决定', `未知的执法决定“${u}”`);
    const person = parseYuan(v('自然人数额标准（元）'));
    const organization = parseYuan(v('法人或其他组织数额标准（元）'));
    if (person && 'error' in person) err('自然人数额标准（元）', person.error);
    if (organization && 'error' in organization) err('法人或其他组织数额标准（元）', organization.error);
    const deliberation = v('须集体讨论');
    if (deliberation !== YES && deliberation !== NO) err('须集体讨论', deliberation ? '应为“是”或“否”' : '必填');
    // A filled column the criterion does not read is a mistake (a criterion changed, a row shifted).
    if (criterion) {
      const extra = [
        criterion !== 'sanction' && v('处罚种类') && '处罚种类',
        criterion !== 'measure' && v('其他执法决定') && '其他执法决定',
        criterion !== 'amount' && v('自然人数额标准（元）') && '自然人数额标准（元）',
        criterion !== 'amount' && v('法人或其他组织数额标准（元）') && '法人或其他组织数额标准（元）',
      ].filter((x): x is string => Boolean(x));
      for (const h of extra) err(h, `判断依据为“${MAJOR_CRITERION_LABELS[criterion]}”时本列应留空`);
    }
    if (errors.length > before || !criterion) continue;

    const result = majorRuleSchema.safeParse({
      code,
      label: v('名称'),
      criterion,
      sanctions: sanctions.codes,
      measures: measures.codes,
      thresholdFen:
        person && organization && 'fen' in person && 'fen' in organization
          ? { person: person.fen, organization: organization.fen }
          : undefined,
      requiresDeliberation: deliberation === YES,
      basis: v('依据'),
    });
    if (!result.success) {
      errors.push(
        ...issuesToRows(
          result.error,
          () => row,
          (path) => CATALOG_HEADER[String(path[0])] ?? String(path[0] ?? ''),
        ),
      );
      continue;
    }
    const rule = result.data;
    if (rule.criterion === 'amount' && !(person && organization)) {
      err('自然人数额标准（元）', '判断依据为“罚没数额”时，须分别填写自然人和法人或其他组织的数额标准（大于 0）');
      continue;
    }
    for (const problem of majorRuleProblems(rule)) errors.push({ row, message: problem });
    entries.push(rule);
  }
  return { entries, errors };
}

const TIER_HEADER: Record<string, string> = {
  tier: '裁量阶次',
  circumstances: '适用情形',
  sanctions: '处罚种类',
  fine: '自然人罚款下限（元）',
};
const ITEM_HEADER: Record<string, string> = {
  code: '编号',
  violation: '违法行为',
  violatedProvision: '违反条款',
  penaltyBasis: '处罚依据',
  tiers: '裁量阶次',
};
const FINE_HEADERS = {
  person: { minFen: '自然人罚款下限（元）', maxFen: '自然人罚款上限（元）' },
  organization: { minFen: '组织罚款下限（元）', maxFen: '组织罚款上限（元）' },
} as const;

function benchmarkHeader(path: readonly PropertyKey[]): string {
  if (path[0] !== 'tiers' || typeof path[1] !== 'number') return ITEM_HEADER[String(path[0])] ?? String(path[0] ?? '');
  const [, , key, who, end] = path;
  if (key === 'fine' && (who === 'person' || who === 'organization')) {
    return FINE_HEADERS[who][end === 'minFen' ? 'minFen' : 'maxFen'];
  }
  return TIER_HEADER[String(key)] ?? String(key ?? '');
}

function parseBenchmarks(rows: SheetRow[]): { entries: BenchmarkItem[]; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const groups = new Map<string, SheetRow[]>();
  for (const r of rows) {
    const code = r.values.编号 ?? '';
    if (!code) {
      errors.push({ row: r.row, field: '编号', message: '必填（同一违法行为的各行填写相同的编号）' });
      continue;
    }
    const group = groups.get(code);
    if (group) group.push(r);
    else groups.set(code, [r]);
  }
  const entries: BenchmarkItem[] = [];
  for (const [code, group] of groups) {
    const before = errors.length;
    const head = group[0] as SheetRow;
    // Item columns: from the first row; later rows may repeat them (identically) or leave them blank.
    const item = { violation: '', violatedProvision: '', penaltyBasis: '' };
    const itemHeaders = { violation: '违法行为', violatedProvision: '违反条款', penaltyBasis: '处罚依据' } as const;
    for (const [key, header] of Object.entries(itemHeaders) as [keyof typeof item, string][]) {
      const firstWith = group.find((r) => r.values[header]);
      item[key] = firstWith?.values[header] ?? '';
      for (const r of group) {
        const value = r.values[header];
        if (firstWith && value && value !== item[key]) {
          errors.push({
            row: r.row,
            field: header,
            message: `与第${firstWith.row}行（编号“${code}”）的${header}不一致；同一违法行为只能有一个${header}`,
          });
        }
      }
    }
    const seenTier = new Map<string, number>();
    const tiers: unknown[] = [];
    for (const { row, values } of group) {
      const v = (h: string) => values[h] ?? '';
      const err = (field: string, message: string) => errors.push({ row, field, message });
      const tierText = v('裁量阶次');
      const tier = codeForLabel(DISCRETION_TIER_LABELS, tierText);
      if (!tier) {
        err(
          '裁量阶次',
          tierText ? `未知的裁量阶次“${tierText}”，可选：${Object.values(DISCRETION_TIER_LABELS).join('、')}` : '必填',
        );
      } else if (seenTier.has(tier)) {
        err('裁量阶次', `与第${seenTier.get(tier)}行（编号“${code}”）的裁量阶次重复`);
      } else {
        seenTier.set(tier, row);
      }
      const sanctions = parseLabelList(v('处罚种类'), SANCTION_KIND_LABELS);
      for (const u of sanctions.unknown) err('处罚种类', `未知的处罚种类“${u}”`);
      const cells = Object.entries(FINE_HEADERS).flatMap(([who, ends]) =>
        Object.entries(ends).map(([end, header]) => ({ who, end, header, parsed: parseYuan(v(header)) })),
      );
      for (const c of cells) if (c.parsed && 'error' in c.parsed) err(c.header, c.parsed.error);
      const filled = cells.filter((c) => c.parsed !== null).length;
      if (filled > 0 && filled < cells.length) {
        const blank = cells.find((c) => c.parsed === null);
        err(blank?.header ?? '罚款幅度', '罚款幅度的四列须都填写（不适用的填 0），不罚款的阶次四列都留空');
      }
      let fine: Record<string, Record<string, number>> | undefined;
      if (filled === cells.length) {
        fine = {};
        for (const c of cells) {
          if (c.parsed && 'fen' in c.parsed) {
            fine[c.who] ??= {};
            (fine[c.who] as Record<string, number>)[c.end] = c.parsed.fen;
          }
        }
      }
      tiers.push({ tier, circumstances: v('适用情形'), sanctions: sanctions.codes, fine });
    }
    if (errors.length > before) continue;
    const result = benchmarkItemSchema.safeParse({ code, ...item, tiers });
    if (!result.success) {
      errors.push(
        ...issuesToRows(
          result.error,
          (path) => (path[0] === 'tiers' && typeof path[1] === 'number' ? (group[path[1]]?.row ?? head.row) : head.row),
          benchmarkHeader,
        ),
      );
      continue;
    }
    for (const problem of benchmarkItemProblems(result.data)) errors.push({ row: head.row, message: problem });
    entries.push(result.data);
  }
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { entries, errors };
}

/**
 * Reads an uploaded workbook into the entries of a list: every row is checked (same schema as the
 * API); if any is wrong, nothing is returned and every error names its row (Excel numbering).
 */
export async function readListWorkbook(kind: ReviewListKind, buffer: Buffer): Promise<unknown[]> {
  const { entries, errors } =
    kind === 'catalog'
      ? parseCatalog(await readSheet(buffer, CATALOG_COLUMNS))
      : parseBenchmarks(await readSheet(buffer, BENCHMARK_COLUMNS));
  if (errors.length > 0) throw refused(errors);
  if (entries.length > MAX_LIST_ENTRIES) {
    throw new DomainError('IMPORT_TOO_LARGE', `${REVIEW_LISTS[kind].label}最多${MAX_LIST_ENTRIES}条`, 400, 'file');
  }
  return entries;
}
