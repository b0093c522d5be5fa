import type { Party, Penalty, ProcedureId } from '@sanxiang/domain';
import { and, asc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { agencies, caseOfficers, cases, officers } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { Principal, Scope } from '../identity/principal.js';

export type CaseRow = typeof cases.$inferSelect;

/** Facts the guards read, written by steps. */
export interface CaseFlags {
  /** P-57: heads must deliberate collectively before the decision. */
  deliberationRequired?: boolean;
  /** P-63: the noticed penalty carries hearing rights. */
  hearingRight?: boolean;
  /** P-44/P-62: the party waived its statement (and hearing) rights after the last notice. */
  statementWaived?: boolean;
  /** P-61: the party was absent when the decision was made. */
  partyAbsentAtDecision?: boolean;
  /** C-19: when an emergency measure was taken (ISO instant) and why. */
  emergencyAt?: string;
  emergencyReason?: string;
  emergencyApproved?: boolean;
  /** C-25: a seizure may be extended once. */
  seizureExtended?: boolean;
  /** P-60: the decision deadline has been extended once. */
  decisionExtended?: boolean;
  /** C-35: a written demand (催告书) was served. */
  demandServed?: boolean;
  /** P-27: the referral was received / feedback recorded. */
  referralFeedback?: string;
  /** 负责人 who approved, printed on instruments. */
  headName?: string;
  /** P-72: payment. */
  paidOn?: string;
  paidFen?: number;
  latePenaltyFen?: number;
  outcome?: string;
}

export interface CaseView extends Omit<CaseRow, 'party' | 'noticedPenalty' | 'decidedPenalty' | 'flags' | 'procedure'> {
  procedure: ProcedureId;
  party: Party;
  noticedPenalty: Penalty | null;
  decidedPenalty: Penalty | null;
  flags: CaseFlags;
}

export const asCaseView = (row: CaseRow): CaseView => row as unknown as CaseView;

/** The WHERE condition that keeps case queries inside the caller's scope (DESIGN.md principle 5). */
export function caseScopeCondition(scope: Scope): SQL {
  return scope.kind === 'agency'
    ? eq(cases.agencyId, scope.agencyId)
    : inArray(
        cases.agencyId,
        sql`(select ${agencies.id} from ${agencies} where ${like(agencies.regionCode, `${scope.prefix}%`)})`,
      );
}

/** A case in the caller's scope, locked for update when `lock` (inside a transaction); 404 otherwise. */
export async function caseInScope(db: Executor, p: Principal, caseId: number, lock = false): Promise<CaseView> {
  const query = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScopeCondition(p.scope)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('案件');
  return asCaseView(row);
}

export async function officersOfCase(db: Executor, caseId: number) {
  return db
    .select({
      officerId: caseOfficers.officerId,
      role: caseOfficers.role,
      recused: caseOfficers.recused,
      recusalReason: caseOfficers.recusalReason,
      name: officers.name,
      credentialNo: officers.credentialNo,
      credentialKind: officers.credentialKind,
      status: officers.status,
      validFrom: officers.validFrom,
      validTo: officers.validTo,
      fields: officers.fields,
      agencyId: officers.agencyId,
    })
    .from(caseOfficers)
    .innerJoin(officers, eq(officers.id, caseOfficers.officerId))
    .where(eq(caseOfficers.caseId, caseId))
    .orderBy(asc(caseOfficers.role), asc(officers.id));
}
export type CaseOfficer = Awaited<ReturnType<typeof officersOfCase>>[number];
