import { PROCEDURE_LABELS, PROCEDURES, type ProcedureId } from '../cases/caseVocabulary.js';
import { WORKFLOWS } from '../workflows/workflows.js';
import { ACTION_KIND_LABELS, ACTION_KINDS, type ActionKind, actionKindOf } from './actionKinds.js';

/**
 * 事前公开 lists an agency keeps itself and publishes after its 法制机构 reviewed them (issue 6):
 * - `matters`: 权责清单 / 行政执法事项清单 (GLOSSARY `matter`);
 * - `spotChecks`: 随机抽查事项清单 (`spotCheckItem`);
 * - `serviceGuides`: 服务指南 (`serviceGuide`);
 * - `avList`: 音像记录事项清单 (`avRequirement`, G-6): the steps to be recorded, above the workflow
 *   definitions' defaults; once published it is what the case guards enforce.
 * The field definitions below are the one description of each entry: the Excel columns, the console's
 * form and table, and the portal's pages all read them. Entries are plain strings except a matter's
 * `actionKind` (a code of ACTION_KINDS, which the annual report counts by).
 */
export const PUBLIC_LIST_KINDS = ['matters', 'spotChecks', 'serviceGuides', 'avList'] as const;
export type PublicListKind = (typeof PUBLIC_LIST_KINDS)[number];

export const PUBLIC_LIST_LABELS: Record<PublicListKind, string> = {
  matters: '行政执法事项清单（权责清单）',
  spotChecks: '随机抽查事项清单',
  serviceGuides: '服务指南',
  avList: '音像记录事项清单',
};

export interface MatterEntry {
  code: string;
  name: string;
  actionKind: ActionKind;
  /** 实施依据: the law and its articles. */
  basis: string;
  /** 承办机构 (科室 / 执法大队). */
  unit: string;
  /** 实施对象. */
  target: string;
  timeLimit: string;
  fees: string;
  note: string;
}

export interface SpotCheckEntry {
  code: string;
  /** 抽查事项 (the name of the item). */
  name: string;
  /** 检查主体. */
  subject: string;
  basis: string;
  /** 检查对象. */
  object: string;
  content: string;
  ratio: string;
  method: string;
  frequency: string;
}

export interface ServiceGuideEntry {
  code: string;
  name: string;
  basis: string;
  receivingBody: string;
  approvingBody: string;
  conditions: string;
  materials: string;
  procedure: string;
  timeLimit: string;
  fees: string;
  supervision: string;
  relief: string;
  officeHours: string;
  address: string;
  phone: string;
}

/** One step of the 音像记录事项清单: `code` is `procedure:step` (AV_STEP_LABELS). */
export interface AvListEntry {
  code: string;
  level: AvLevel;
  note: string;
}

export const AV_LEVEL_LABELS = { full: '全程音像记录', asNeeded: '根据需要音像记录', none: '不作要求' } as const;
export type AvLevel = keyof typeof AV_LEVEL_LABELS;

/** Every step of every procedure, `procedure:step` → 普通程序·现场检查: what the AV list may name. */
export const AV_STEP_LABELS: Record<string, string> = Object.fromEntries(
  PROCEDURES.flatMap((procedure) =>
    WORKFLOWS[procedure].steps.map((step) => [
      `${procedure}:${step.id}`,
      `${PROCEDURE_LABELS[procedure]}·${step.label}`,
    ]),
  ),
);

/** The step an AV list entry names, or undefined. */
export function avStepOf(code: string): { procedure: ProcedureId; step: string; defaultLevel: AvLevel } | undefined {
  const [procedure, step] = code.split(':') as [ProcedureId, string];
  const def = WORKFLOWS[procedure]?.steps.find((s) => s.id === step);
  return def ? { procedure, step, defaultLevel: def.av ?? 'none' } : undefined;
}

/** The workflow definitions' own AV requirements: the list an agency starts from. */
export function defaultAvEntries(): AvListEntry[] {
  return Object.keys(AV_STEP_LABELS).flatMap((code) => {
    const level = avStepOf(code)?.defaultLevel ?? 'none';
    return level === 'none' ? [] : [{ code, level, note: '' }];
  });
}

export interface PublicListEntries {
  matters: MatterEntry;
  spotChecks: SpotCheckEntry;
  serviceGuides: ServiceGuideEntry;
  avList: AvListEntry;
}
export type PublicListEntry = PublicListEntries[PublicListKind];

/** One field of an entry: its Chinese label and how it is filled. */
export interface ListField {
  key: string;
  label: string;
  required: boolean;
  max: number;
  /** Long text: a text area in forms, a paragraph on the portal. */
  long?: boolean;
  /** Closed list (code → label); Excel offers the labels as a drop-down. */
  options?: Record<string, string>;
  /** Column width in Excel. */
  width?: number;
  /** How to fill it (Excel 填写说明, form help). */
  note?: string;
  /** Shown in the portal's card headline / summary rather than the details. */
  summary?: boolean;
}

const CODE_FIELD: ListField = {
  key: 'code',
  label: '编号',
  required: true,
  max: 30,
  width: 12,
  note: '同一清单内不得重复，如 YJ-CF-001；修订时保持不变，便于比对版本',
};

export const PUBLIC_LIST_FIELDS: Record<PublicListKind, readonly ListField[]> = {
  matters: [
    CODE_FIELD,
    { key: 'name', label: '事项名称', required: true, max: 200, width: 40, summary: true },
    {
      key: 'actionKind',
      label: '执法类别',
      required: true,
      max: 20,
      width: 14,
      options: ACTION_KIND_LABELS,
      summary: true,
      note: '行政处罚、行政许可、行政强制、行政检查等，从下拉列表选择',
    },
    {
      key: 'basis',
      label: '实施依据',
      required: true,
      max: 2000,
      long: true,
      width: 60,
      note: '法律、法规、规章的名称和条款，如《中华人民共和国安全生产法》第九十七条',
    },
    { key: 'unit', label: '承办机构', required: true, max: 100, width: 20, summary: true },
    { key: 'target', label: '实施对象', required: false, max: 200, width: 24 },
    { key: 'timeLimit', label: '办理时限', required: false, max: 200, width: 24, note: '如“立案之日起90日内”' },
    { key: 'fees', label: '收费标准', required: false, max: 200, width: 16, note: '不收费的填“不收费”' },
    { key: 'note', label: '备注', required: false, max: 500, long: true, width: 24 },
  ],
  spotChecks: [
    CODE_FIELD,
    { key: 'name', label: '抽查事项', required: true, max: 200, width: 36, summary: true },
    { key: 'subject', label: '检查主体', required: true, max: 100, width: 20 },
    { key: 'basis', label: '检查依据', required: true, max: 2000, long: true, width: 50 },
    { key: 'object', label: '检查对象', required: true, max: 300, width: 28, summary: true },
    { key: 'content', label: '检查内容', required: true, max: 2000, long: true, width: 40 },
    { key: 'ratio', label: '抽查比例', required: true, max: 100, width: 14, summary: true, note: '如“不低于5%”' },
    { key: 'method', label: '检查方式', required: true, max: 200, width: 20, note: '如“现场检查、书面检查”' },
    { key: 'frequency', label: '抽查频次', required: true, max: 100, width: 14, summary: true, note: '如“每年1次”' },
  ],
  serviceGuides: [
    CODE_FIELD,
    { key: 'name', label: '事项名称', required: true, max: 200, width: 36, summary: true },
    { key: 'basis', label: '设定依据', required: true, max: 2000, long: true, width: 50 },
    { key: 'receivingBody', label: '受理机构', required: true, max: 100, width: 20 },
    { key: 'approvingBody', label: '决定机构', required: true, max: 100, width: 20 },
    { key: 'conditions', label: '申请条件', required: true, max: 3000, long: true, width: 40 },
    { key: 'materials', label: '申请材料', required: true, max: 3000, long: true, width: 40, note: '每项材料一行' },
    { key: 'procedure', label: '办理流程', required: true, max: 3000, long: true, width: 40, note: '每个环节一行' },
    { key: 'timeLimit', label: '办理时限', required: true, max: 200, width: 20, summary: true },
    { key: 'fees', label: '收费标准', required: true, max: 200, width: 16, summary: true, note: '不收费的填“不收费”' },
    { key: 'supervision', label: '监督投诉渠道', required: true, max: 500, long: true, width: 28 },
    { key: 'relief', label: '救济途径', required: true, max: 1000, long: true, width: 36 },
    { key: 'officeHours', label: '办公时间', required: true, max: 200, width: 24 },
    { key: 'address', label: '办理地点', required: true, max: 200, width: 28 },
    { key: 'phone', label: '咨询电话', required: true, max: 50, width: 16 },
  ],
  avList: [
    {
      key: 'code',
      label: '执法环节',
      required: true,
      max: 80,
      width: 36,
      options: AV_STEP_LABELS,
      summary: true,
      note: '程序·环节，如“普通程序·现场检查”；每个环节一行',
    },
    {
      key: 'level',
      label: '音像记录要求',
      required: true,
      max: 20,
      width: 18,
      options: AV_LEVEL_LABELS,
      summary: true,
      note: '全程音像记录的环节，未附音像记录不能办理（G-6）',
    },
    { key: 'note', label: '说明', required: false, max: 500, long: true, width: 40 },
  ],
};

/** The label of an entry's field value as people read it (a code of a closed list → its label). */
export function fieldText(field: ListField, value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return field.options ? (field.options[s] ?? s) : s;
}

/** The most entries one list version may hold. */
export const MAX_PUBLIC_LIST_ENTRIES = 2000;

function fieldProblems(kind: PublicListKind, entry: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const code = typeof entry.code === 'string' ? entry.code.trim() : '';
  const which = code ? `“${code}”` : '';
  for (const f of PUBLIC_LIST_FIELDS[kind]) {
    const v = entry[f.key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      problems.push(`${which}的${f.label}应为文字`);
      continue;
    }
    const s = (v ?? '').trim();
    if (f.required && !s) problems.push(`${which}${which ? '的' : ''}${f.label}必填`);
    else if (s.length > f.max) problems.push(`${which}${which ? '的' : ''}${f.label}不能超过${f.max}个字`);
    else if (s && f.options && !(s in f.options)) {
      problems.push(`${which}${which ? '的' : ''}${f.label}“${s}”无效，可选：${Object.values(f.options).join('、')}`);
    }
  }
  return problems;
}

/** What is wrong with a 权责清单 entry, in Chinese; empty when it may be published. */
export function matterProblems(entry: MatterEntry): string[] {
  const problems = fieldProblems('matters', entry as unknown as Record<string, unknown>);
  // A legal basis names a law (《…》) and, for an enforcement power, the article it rests on.
  const basis = entry.basis?.trim() ?? '';
  if (basis && !/《[^》]+》/.test(basis)) problems.push(`“${entry.code}”的实施依据应写明法律法规规章的名称（如《…》）`);
  else if (basis && !/第[一二三四五六七八九十百零〇\d]+条/.test(basis)) {
    problems.push(`“${entry.code}”的实施依据应写明具体条款（如第九十七条）`);
  }
  return problems;
}

/** What is wrong with a 随机抽查事项清单 entry, in Chinese. */
export function spotCheckProblems(entry: SpotCheckEntry): string[] {
  return fieldProblems('spotChecks', entry as unknown as Record<string, unknown>);
}

/** What is wrong with a 服务指南 entry, in Chinese. */
export function serviceGuideProblems(entry: ServiceGuideEntry): string[] {
  const problems = fieldProblems('serviceGuides', entry as unknown as Record<string, unknown>);
  const phone = entry.phone?.trim() ?? '';
  if (phone && !/^[\d\-—()（）\s,，、转]+$/.test(phone)) problems.push(`“${entry.code}”的咨询电话格式不正确`);
  return problems;
}

/**
 * What is wrong with a 音像记录事项清单 entry, in Chinese. G-6: the list may raise a step's requirement,
 * never lower one that the law makes 全程 (the workflow definition's `full`).
 */
export function avListProblems(entry: AvListEntry): string[] {
  const problems = fieldProblems('avList', entry as unknown as Record<string, unknown>);
  const step = avStepOf(entry.code ?? '');
  if (step?.defaultLevel === 'full' && entry.level !== 'full') {
    problems.push(`“${AV_STEP_LABELS[entry.code]}”依法须全程音像记录，不能降低（G-6）`);
  }
  return problems;
}

const PROBLEMS: { [K in PublicListKind]: (e: PublicListEntries[K]) => string[] } = {
  matters: matterProblems,
  spotChecks: spotCheckProblems,
  serviceGuides: serviceGuideProblems,
  avList: avListProblems,
};

export function entryProblems<K extends PublicListKind>(kind: K, entry: PublicListEntries[K]): string[] {
  return PROBLEMS[kind](entry);
}

/**
 * An entry from what a form, an API body or a sheet row holds: every field trimmed, missing ones empty,
 * unknown keys dropped, a matter's action kind given as code or label (行政处罚 / 处罚 / penalty) turned
 * into its code. Returns the entry and its problems.
 */
export function normalizeEntry<K extends PublicListKind>(
  kind: K,
  raw: unknown,
): { entry: PublicListEntries[K]; problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { entry: {} as PublicListEntries[K], problems: ['应为一个条目（对象）'] };
  }
  const source = raw as Record<string, unknown>;
  const out: Record<string, string> = {};
  const typeProblems: string[] = [];
  for (const f of PUBLIC_LIST_FIELDS[kind]) {
    const v = source[f.key];
    if (v === undefined || v === null) out[f.key] = '';
    else if (typeof v === 'string') out[f.key] = v.trim();
    else if (typeof v === 'number') out[f.key] = String(v);
    else {
      out[f.key] = '';
      typeProblems.push(`${f.label}应为文字`);
    }
  }
  if (kind === 'matters' && out.actionKind) out.actionKind = actionKindOf(out.actionKind) ?? out.actionKind;
  // A closed list's value may be given as its label (as Excel shows it): back to its code.
  for (const f of PUBLIC_LIST_FIELDS[kind]) {
    const v = out[f.key];
    if (!f.options || !v || v in f.options) continue;
    const code = Object.keys(f.options).find((k) => f.options?.[k] === v);
    if (code) out[f.key] = code;
  }
  const entry = out as unknown as PublicListEntries[K];
  return { entry, problems: [...typeProblems, ...entryProblems(kind, entry)] };
}

/** Problems of a whole list: each entry's (prefixed 第N条), duplicate codes, emptiness, size. */
export function listProblems<K extends PublicListKind>(kind: K, entries: readonly PublicListEntries[K][]): string[] {
  const problems: string[] = [];
  if (entries.length === 0) problems.push(`${PUBLIC_LIST_LABELS[kind]}至少应有一条`);
  if (entries.length > MAX_PUBLIC_LIST_ENTRIES) {
    problems.push(`${PUBLIC_LIST_LABELS[kind]}最多${MAX_PUBLIC_LIST_ENTRIES}条`);
  }
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    for (const p of entryProblems(kind, e)) problems.push(`第${i + 1}条${p.startsWith('“') ? p : `：${p}`}`);
    const first = seen.get(e.code);
    if (e.code && first !== undefined) problems.push(`第${i + 1}条的编号“${e.code}”与第${first + 1}条重复`);
    else if (e.code) seen.set(e.code, i);
  });
  return problems;
}

export interface EntryChange {
  code: string;
  /** Keys of the fields that differ. */
  fields: string[];
}

export interface ListDiff<T> {
  added: T[];
  removed: T[];
  changed: { code: string; before: T; after: T; fields: string[] }[];
  unchanged: number;
}

/** What a new version changes against the published one, entry by entry (matched by 编号). */
export function diffEntries<K extends PublicListKind>(
  kind: K,
  before: readonly PublicListEntries[K][],
  after: readonly PublicListEntries[K][],
): ListDiff<PublicListEntries[K]> {
  const old = new Map(before.map((e) => [e.code, e]));
  const keys = PUBLIC_LIST_FIELDS[kind].map((f) => f.key);
  const diff: ListDiff<PublicListEntries[K]> = { added: [], removed: [], changed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const e of after) {
    seen.add(e.code);
    const prev = old.get(e.code);
    if (!prev) {
      diff.added.push(e);
      continue;
    }
    const a = e as unknown as Record<string, string>;
    const b = prev as unknown as Record<string, string>;
    const fields = keys.filter((k) => (a[k] ?? '') !== (b[k] ?? ''));
    if (fields.length > 0) diff.changed.push({ code: e.code, before: prev, after: e, fields });
    else diff.unchanged++;
  }
  for (const e of before) if (!seen.has(e.code)) diff.removed.push(e);
  return diff;
}

/** The action kinds a 权责清单 holds, in the report's order (the annual report's rows). */
export function actionKindsOf(entries: readonly MatterEntry[]): ActionKind[] {
  const held = new Set(entries.map((e) => e.actionKind));
  return ACTION_KINDS.filter((k) => held.has(k));
}

/** Status of a list version: saved draft → submitted to the 法制机构 → published (or returned). */
export const LIST_VERSION_STATUSES = ['draft', 'submitted', 'returned', 'published', 'superseded'] as const;
export type ListVersionStatus = (typeof LIST_VERSION_STATUSES)[number];
export const LIST_VERSION_STATUS_LABELS: Record<ListVersionStatus, string> = {
  draft: '草稿',
  submitted: '待法制审核',
  returned: '已退回',
  published: '现行公示版本',
  superseded: '历史版本',
};
