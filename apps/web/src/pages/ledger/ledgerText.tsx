import {
  AGENCY_FIELD_LABELS,
  AGENCY_KIND_LABELS,
  AGENCY_ROLE_LABELS,
  type AgencyKind,
  type AgencyRole,
  CREDENTIAL_KIND_LABELS,
  type CredentialKind,
  FIELD_LABELS,
  type Field,
  GENDER_LABELS,
  type Gender,
  OFFICER_FIELD_LABELS,
  OFFICER_STATUS_LABELS,
  type OfficerStatus,
  ROLE_LABELS,
  type Role,
} from '@sanxiang/domain';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useRegionName } from '../../api/regions';
import type { Agency, LedgerEntry, Paged } from '../../api/types';

/** 动作: what each ledger action is called on screen. */
export const ACTION_LABELS: Record<string, string> = {
  'officer.create': '新增执法人员',
  'officer.update': '修改执法人员信息',
  'officer.residentId.view': '调阅公民身份号码',
  'agency.create': '新增执法主体',
  'agency.update': '修改执法主体信息',
  'agency.unit.create': '新增科室',
  'user.create': '新建用户',
  'user.unlock': '解除锁定',
  'user.password.change': '修改密码',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Tag colour: creations green, changes blue, 调阅 (reading protected data) orange. */
export function actionColor(action: string): string {
  if (action.endsWith('.view')) return 'orange';
  if (action.endsWith('.create')) return 'green';
  return 'blue';
}

/** What was read in a `.view` entry (payload.record). */
const VIEWED_RECORD_LABELS: Record<string, string> = { residentId: '公民身份号码' };

export function viewedRecordLabel(record: unknown): string {
  return typeof record === 'string' ? (VIEWED_RECORD_LABELS[record] ?? record) : '';
}

const USER_FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  roles: '角色',
  agencyId: '所属单位',
  officerId: '关联执法人员',
  mustChangePassword: '须修改初始密码',
};

/** Which subject type's labels and value formats apply. */
export type SubjectType = 'officer' | 'agency' | 'user' | (string & {});

function labelsOf(subjectType: SubjectType): Record<string, string> {
  if (subjectType === 'officer') return OFFICER_FIELD_LABELS;
  if (subjectType === 'agency') return AGENCY_FIELD_LABELS;
  if (subjectType === 'user') return USER_FIELD_LABELS;
  return {};
}

export function fieldLabel(subjectType: SubjectType, field: string): string {
  return labelsOf(subjectType)[field] ?? field;
}

/** Fields of a record snapshot to show, in the form's order; bookkeeping (id, version) is left out. */
export function recordFields(subjectType: SubjectType, record: Record<string, unknown>): string[] {
  const known = Object.keys(labelsOf(subjectType)).filter((k) => k in record);
  const rest = Object.keys(record).filter((k) => !known.includes(k) && k !== 'id' && k !== 'version');
  return [...known, ...rest];
}

/** Changed fields in the form's order (the stored payload has its keys sorted alphabetically). */
export function inFormOrder<T>(subjectType: SubjectType, entries: [string, T][]): [string, T][] {
  const order = Object.keys(labelsOf(subjectType));
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...entries].sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** Names for the ids that records carry (agencies, units), as far as the viewer may see them. */
export interface LedgerNames {
  agencies: ReadonlyMap<number, string>;
  units: ReadonlyMap<number, string>;
}

const NO_NAMES: LedgerNames = { agencies: new Map(), units: new Map() };

function RegionText({ code }: { code: string }) {
  const name = useRegionName(code);
  return <>{name === code ? code : `${name}（${code}）`}</>;
}

const label = <K extends string>(labels: Record<K, string>, value: unknown): string =>
  Object.hasOwn(labels, String(value)) ? labels[value as K] : String(value);

/** A recorded value in words: codes become their Chinese labels, ids their names. */
export function ValueText({
  subjectType,
  field,
  value,
  names,
}: {
  subjectType: SubjectType;
  field: string;
  value: unknown;
  names: LedgerNames;
}) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <span style={{ color: '#8c8c8c' }}>（空）</span>;
  }
  const id = Number(value);
  switch (field) {
    case 'gender':
      return <>{label<Gender>(GENDER_LABELS, value)}</>;
    case 'credentialKind':
      return <>{label<CredentialKind>(CREDENTIAL_KIND_LABELS, value)}</>;
    case 'status':
      return <>{label<OfficerStatus>(OFFICER_STATUS_LABELS, value)}</>;
    case 'fields':
    case 'field':
      return <>{(Array.isArray(value) ? value : [value]).map((f) => label<Field>(FIELD_LABELS, f)).join('、')}</>;
    case 'kind':
      return <>{label<AgencyKind>(AGENCY_KIND_LABELS, value)}</>;
    case 'role':
      return <>{label<AgencyRole>(AGENCY_ROLE_LABELS, value)}</>;
    case 'roles':
      return <>{(Array.isArray(value) ? value : [value]).map((r) => label<Role>(ROLE_LABELS, r)).join('、')}</>;
    case 'legalQualification':
      return <>{value ? '有' : '无'}</>;
    case 'mustChangePassword':
      return <>{value ? '是' : '否'}</>;
    case 'regionCode':
      return <RegionText code={String(value)} />;
    case 'agencyId':
    case 'parentId':
      return <>{names.agencies.get(id) ?? `编号 ${String(value)}`}</>;
    case 'unitId':
      return <>{names.units.get(id) ?? `编号 ${String(value)}`}</>;
    case 'units':
      return <>{Array.isArray(value) ? value.map(String).join('、') : String(value)}</>;
    default:
      if (subjectType === 'user' && field === 'officerId') return <>编号 {String(value)}</>;
      return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Agency and unit ids that entries mention, to look their names up. */
function mentionedIds(entries: readonly LedgerEntry[]) {
  const agencies = new Set<number>();
  const unitAgencies = new Set<number>();
  let units = false;
  const visit = (values: Record<string, unknown>) => {
    for (const key of ['agencyId', 'parentId']) {
      const v = values[key];
      if (typeof v === 'number') agencies.add(v);
    }
    if (typeof values.unitId === 'number') units = true;
    if (typeof values.agencyId === 'number' && 'unitId' in values) unitAgencies.add(values.agencyId);
  };
  for (const e of entries) {
    if (e.agencyId !== null) agencies.add(e.agencyId);
    const p = isRecord(e.payload) ? e.payload : {};
    if (isRecord(p.record)) visit(p.record);
    if (e.subjectType === 'user') visit(p);
    if (isRecord(p.changes)) {
      for (const side of ['from', 'to'] as const) {
        const flat: Record<string, unknown> = {};
        for (const [k, c] of Object.entries(p.changes)) if (isRecord(c)) flat[k] = c[side];
        visit(flat);
        // A changed unit belongs to the officer's agency, which the entry names.
        if ('unitId' in flat && e.agencyId !== null) unitAgencies.add(e.agencyId);
      }
    }
  }
  return { agencies, unitAgencies: units ? unitAgencies : new Set<number>() };
}

/**
 * Looks up the names of the agencies and units that entries mention: one list request for agencies in the
 * viewer's scope, and the units of the officers' agencies. Ids outside the scope stay as 编号 N.
 */
export function useLedgerNames(entries: readonly LedgerEntry[] | undefined): LedgerNames {
  const [names, setNames] = useState<LedgerNames>(NO_NAMES);
  useEffect(() => {
    if (!entries?.length) return;
    const wanted = mentionedIds(entries);
    if (wanted.agencies.size === 0) return;
    let live = true;
    (async () => {
      const list = await api.get<Paged<Agency>>('/api/agencies', { page: 1, pageSize: 200 });
      const agencies = new Map(list.items.map((a) => [a.id, a.name]));
      const units = new Map<number, string>();
      const details = await Promise.all(
        [...wanted.unitAgencies]
          .filter((id) => agencies.has(id))
          .map((id) => api.get<Agency>(`/api/agencies/${id}`).catch(() => null)),
      );
      for (const a of details) for (const u of a?.units ?? []) units.set(u.id, u.name);
      if (live) setNames({ agencies, units });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [entries]);
  return names;
}
