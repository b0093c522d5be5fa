import {
  calendarDaysBetween,
  type Field,
  formatYuan,
  isHeavierPenalty,
  latePaymentPenaltyFen,
  limitationWarning,
  mayAct,
  type OfficerStatus,
  type Penalty,
  type StepDefinition,
  summaryProcedureProblem,
  type WorkCalendar,
} from '@sanxiang/domain';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { avRequirements, type caseFiles, type caseSteps, type deadlines } from '../../db/schema.js';
import type { Principal } from '../identity/principal.js';
import type { CaseOfficer, CaseView } from './caseRecords.js';
import type { StepBody } from './caseSchemas.js';
import type { ContextSources, InstrumentRow } from './instrumentService.js';
import type { InstrumentSettings } from './instrumentSettings.js';
import { legalReviewGate, majorDecisionOf } from './legalReviewGate.js';

export interface GuardContext {
  db: Executor;
  principal: Principal;
  case: CaseView;
  step: StepDefinition;
  officers: CaseOfficer[];
  /** null when the console asks what may happen next: guards that judge the form skip themselves. */
  input: StepBody | null;
  actOn: string;
  now: Date;
  calendar: WorkCalendar;
  settings: InstrumentSettings;
  steps: (typeof caseSteps.$inferSelect)[];
  instruments: InstrumentRow[];
  files: (typeof caseFiles.$inferSelect)[];
  /** The agency's 音像记录事项清单 for this procedure (G-6). */
  avList: Map<string, string>;
  deadlines: (typeof deadlines.$inferSelect)[];
  sources: ContextSources;
}

/** A rule that blocks the step, or (level `warn`) one the person must see but may proceed past. */
export interface GuardFinding {
  ruleId: string;
  message: string;
  level: 'block' | 'warn';
}

type Guard = (g: GuardContext) => GuardFinding[] | Promise<GuardFinding[]>;

const block = (ruleId: string, message: string): GuardFinding[] => [{ ruleId, message, level: 'block' }];
const ok: GuardFinding[] = [];

/** Instruments of the case still in force (a superseded version no longer counts). */
const current = (g: GuardContext, type: string) => g.instruments.filter((i) => i.type === type && !i.supersededById);
const lastStep = (g: GuardContext, step: string) => g.steps.filter((s) => s.step === step).at(-1);
const openDeadline = (g: GuardContext, kind: string) => g.deadlines.find((d) => d.kind === kind && d.status === 'open');

/** The officers acting in this step: those named in the form, else every non-recused officer of the case. */
export function actingOfficerIds(g: Pick<GuardContext, 'input' | 'officers'>): number[] {
  return g.input?.officerIds ?? g.officers.filter((o) => !o.recused).map((o) => o.officerId);
}

/** The penalty the step proposes: the form's, else the one already on the case. */
const proposedPenalty = (g: GuardContext): Penalty | null =>
  g.input?.penalty ?? g.case.decidedPenalty ?? g.case.noticedPenalty ?? null;

const hearingThreshold = (g: GuardContext) =>
  g.case.party.type === 'person' ? g.settings.hearingThresholdPersonFen : g.settings.hearingThresholdOrganizationFen;

/** One check per rule ID (RULES.md); the workflow definitions say which steps run which. */
export const GUARDS: Record<string, Guard> = {
  // P-42: enforcement by at least two officers whose credentials are valid on the act date and cover the matter.
  'P-42': (g) => {
    const ids = actingOfficerIds(g);
    const findings: GuardFinding[] = [];
    const single = g.case.procedure === 'penalty.summary' && Boolean(g.input?.singleOfficerBasis);
    if (ids.length < (single ? 1 : 2)) {
      findings.push(
        ...block(
          'P-42',
          g.case.procedure === 'penalty.summary'
            ? '执法人员不得少于两人；法律另有规定可由一人当场处罚的，请写明该规定'
            : '执法人员不得少于两人',
        ),
      );
    }
    for (const id of ids) {
      const o = g.officers.find((x) => x.officerId === id);
      if (!o) {
        findings.push(...block('P-42', `所选执法人员（编号 ${id}）不是本案承办人员`));
        continue;
      }
      const result = mayAct(
        {
          name: o.name,
          status: o.status as OfficerStatus,
          credentialNo: o.credentialKind === 'enforcement' ? o.credentialNo : null,
          validFrom: o.validFrom,
          validTo: o.validTo,
          fields: o.fields as Field[],
        },
        { field: g.case.field as Field, date: g.actOn },
      );
      if (!result.ok) for (const p of result.problems) findings.push(...block('P-42', p.message));
    }
    return findings;
  },

  // P-43: a recused officer may not act on the case, neither in the form nor as the person taking the step.
  'P-43': (g) => {
    const recused = g.officers.filter((o) => o.recused);
    const acting = new Set(actingOfficerIds(g));
    if (g.principal.officerId !== null) acting.add(g.principal.officerId);
    const hit = recused.filter((o) => acting.has(o.officerId));
    return hit.length > 0 ? block('P-43', `${hit.map((o) => o.name).join('、')}已回避本案，不得参与办理`) : ok;
  },

  // P-36: past the limitation period the filing is warned, not silently accepted.
  'P-36': (g) => {
    const warning = limitationWarning(
      { on: g.case.violationOn, continuing: g.case.violationContinuing, harmsSafety: g.case.harmsSafety },
      g.case.leadOn,
    );
    return warning ? [{ ruleId: 'P-36', message: warning, level: 'warn' }] : ok;
  },

  // P-54: filing is approved by a head on the officers' filing form.
  'P-54': (g) => {
    const proposal = lastStep(g, 'proposeFiling');
    if (!proposal) return block('P-54', '尚无承办人员呈报的立案审批表');
    if (proposal.actorUserId === g.principal.userId) {
      return block('P-54', '立案须由负责人审批，呈报人不能审批自己呈报的立案');
    }
    return ok;
  },

  // P-44, P-62: a prior notice was served, and its statement period ran out or the party waived.
  'P-44': (g) => {
    const notices = current(g, 'priorNotice');
    if (notices.length === 0) return block('P-44', '作出处罚决定前，须先送达行政处罚事先告知书');
    if (g.case.flags.statementWaived) return ok;
    const period = g.deadlines.filter((d) => d.kind === 'statementPeriod').at(-1);
    if (period && g.actOn <= period.dueOn) {
      return block(
        'P-44',
        `当事人陈述、申辩期限至${period.dueOn}届满（${period.days}个工作日），期满或者当事人明确放弃后方可决定`,
      );
    }
    return ok;
  },
  'P-62': (g) => {
    // P-62: statements made after the notice are reviewed before deciding: the reviewer's conclusion (复核意见:
    // adopted or not, and why) is written with the decision approval and carried to the decision.
    const notice = lastStep(g, 'servePriorNotice');
    const statement = g.steps.filter((s) => s.step === 'recordStatement' && !(s.data as StepBody).waiver).at(-1);
    if (!notice || !statement || statement.id < notice.id) return ok;
    const approval = g.steps.filter((s) => s.step === 'approveDecision' && s.id > statement.id).at(-1);
    if (approval && (approval.data as StepBody).note?.trim()) return ok;
    if (g.step.id === 'approveDecision' && g.input?.note?.trim()) return ok;
    return g.input || g.step.id !== 'approveDecision'
      ? block('P-62', '当事人已提出陈述、申辩，请在决定审批时写明复核意见（采纳或者不予采纳的理由）')
      : ok;
  },

  // P-45: no decision heavier than noticed without a new prior notice.
  'P-45': (g) => {
    const noticed = g.case.noticedPenalty;
    const proposed = g.input?.penalty ?? g.case.decidedPenalty;
    if (!noticed || !proposed) return ok;
    return isHeavierPenalty(proposed, noticed)
      ? block('P-45', '拟作出的处罚重于事先告知的处罚，须重新事先告知（不得因当事人陈述、申辩而加重处罚）')
      : ok;
  },

  // P-57: collective deliberation minutes where required (flagged on the case, heavy sanctions, a hearing, or the catalog).
  // The catalog (S-2) says which major decisions heads decide collectively.
  'P-57': async (g) => {
    const penalty = proposedPenalty(g);
    const heavy = penalty
      ? penalty.kinds.some((k) => ['revokeLicense', 'suspendBusiness', 'closeDown', 'banFromPractice'].includes(k))
      : false;
    const { major } = await majorDecisionOf(g);
    const byCatalog = major.matches.filter((m) => m.requiresDeliberation);
    const required =
      g.case.flags.deliberationRequired || heavy || current(g, 'hearingRecord').length > 0 || byCatalog.length > 0;
    if (!required) return ok;
    const reason = byCatalog.length > 0 ? `（目录清单：${byCatalog.map((m) => m.label).join('、')}）` : '';
    return current(g, 'deliberationRecord').length > 0
      ? ok
      : block('P-57', `本案须经负责人集体讨论决定${reason}，尚无集体讨论记录`);
  },

  // P-58: the legal review gate (see legalReviewGate.ts).
  'P-58': (g) => legalReviewGate(g),

  // P-59: the decision states party, facts and evidence, type and basis, performance, relief, agency and date.
  'P-59': (g) => {
    const c = g.case;
    const missing: string[] = [];
    if (!c.party.name) missing.push('当事人名称或姓名');
    if (!c.party.idNumber) missing.push(c.party.type === 'person' ? '当事人身份证件号码' : '统一社会信用代码');
    if (!c.party.address) missing.push('当事人住所');
    if (!c.facts) missing.push('违法事实');
    if (!c.violatedProvision) missing.push('违反的法律条款');
    if (!c.penaltyBasis) missing.push('处罚依据');
    const penalty = proposedPenalty(g);
    if (!penalty || penalty.kinds.length === 0) missing.push('处罚种类');
    if (penalty?.kinds.includes('fine') && penalty.fineFen <= 0) missing.push('罚款金额');
    if (!g.settings.reconsiderationBody || !g.settings.court) missing.push('申请行政复议、提起行政诉讼的途径');
    if (g.instruments.length === 0 && g.steps.every((s) => s.step !== 'finishInvestigation')) missing.push('证据');
    return missing.length > 0 ? block('P-59', `处罚决定书内容不完整：缺少${missing.join('、')}`) : ok;
  },

  // P-60: decide within 90 days of filing, or within an approved extension.
  'P-60': (g) => {
    const due = openDeadline(g, 'decisionExtension') ?? openDeadline(g, 'decision');
    if (!due) return ok;
    if (g.step.id === 'extendTime') {
      if (g.case.flags.decisionExtended) return block('P-60', '办案期限已延长过一次，再次延长须报上一级行政机关批准');
      return ok;
    }
    return g.actOn > due.dueOn
      ? block('P-60', `已超过作出处罚决定的期限（${due.dueOn}），须先经负责人批准延长办案期限`)
      : ok;
  },

  // P-61: electronic service only with the party's signed consent, which is on file.
  'P-61': (g) => {
    const service = g.input?.service;
    if (!service) return g.input ? block('P-61', '请填写送达方式和送达日期') : ok;
    if (service.method !== 'electronic') return ok;
    if (!service.consentFileId) return block('P-61', '电子送达须经当事人同意并签订确认书，请上传并选择签字的确认书');
    return g.files.some((f) => f.id === service.consentFileId) ? ok : block('P-61', '所选电子送达确认书不是本案的材料');
  },

  // P-64: hearing requested within 5 working days of the notice; notified 7 working days before it is held.
  'P-64': (g) => {
    if (g.step.id === 'requestHearing') {
      if (!g.case.flags.hearingRight) return block('P-64', '事先告知的处罚不属于应当告知听证权利的情形');
      const request = g.input?.hearingRequest;
      if (!request) return g.input ? block('P-64', '请填写申请听证日期和听证日期') : ok;
      const period = g.deadlines.filter((d) => d.kind === 'statementPeriod').at(-1);
      if (period && request.requestedOn > period.dueOn) {
        return block('P-64', `当事人应在告知后五个工作日内（${period.dueOn}前）提出听证要求`);
      }
      const earliest = g.calendar.addWorkingDays(g.actOn, 7);
      if (request.hearingOn < earliest) {
        return block('P-64', `应当在举行听证的七日前通知当事人：听证日期不得早于${earliest}`);
      }
      return ok;
    }
    // holdHearing: on or after the notified date.
    const notified = lastStep(g, 'requestHearing');
    const hearingOn = (notified?.data as { hearingRequest?: { hearingOn: string } } | undefined)?.hearingRequest
      ?.hearingOn;
    if (hearingOn && g.actOn < hearingOn) return block('P-64', `听证应于通知的日期（${hearingOn}）举行`);
    return ok;
  },

  // P-51: summary procedure only within its limits.
  'P-51': (g) => {
    const penalty = g.input?.penalty;
    if (!penalty) return g.input ? block('P-51', '请填写处罚种类和罚款金额') : ok;
    const problem = summaryProcedureProblem(g.case.party.type, penalty);
    if (problem) return block('P-51', problem);
    const facts = g.input?.facts;
    if (!facts) return block('P-51', '简易程序须违法事实确凿并有法定依据：请填写违法事实、违反条款和处罚依据');
    return ok;
  },

  // P-52: a summary decision is numbered and filed with the agency.
  'P-52': (g) =>
    current(g, 'summaryDecision').length > 0 ? ok : block('P-52', '尚无编号的当场行政处罚决定书，不能报备'),

  // P-72: late payment adds 3% of the fine per day, never more than the fine; the amount due is checked.
  'P-72': (g) => {
    const payment = g.input?.payment;
    if (!payment) return g.input ? block('P-72', '请填写缴款日期和金额') : ok;
    const fine = g.case.decidedPenalty?.fineFen ?? 0;
    const due = openDeadline(g, 'finePayment');
    const late = due && payment.paidOn > due.dueOn ? calendarDaysBetween(due.dueOn, payment.paidOn) : 0;
    const owed = fine + latePaymentPenaltyFen(fine, late);
    return payment.paidFen < owed
      ? block(
          'P-72',
          late > 0
            ? `逾期${late}日缴纳，应缴罚款${formatYuan(fine)}及加处罚款${formatYuan(owed - fine)}，合计${formatYuan(owed)}`
            : `应缴罚款${formatYuan(fine)}，登记金额不足`,
        )
      : ok;
  },

  // P-27: a referral names the suspected crime; its feedback is recorded against a referral letter.
  'P-27': (g) => {
    if (g.step.id === 'recordReferralFeedback') {
      if (current(g, 'referralLetter').length === 0) return block('P-27', '尚无案件移送函');
      if (g.input && !g.input.outcome) return block('P-27', '请登记司法机关的接收回执或处理反馈');
      return ok;
    }
    if (g.input && !g.input.outcome) return block('P-27', '请写明涉嫌犯罪的事实和罪名');
    return ok;
  },

  // C-18: approval by a head (or an emergency, C-19), and every element of the on-site procedure recorded.
  'C-18': (g) => {
    if (g.step.id === 'approveCoercion') return ok;
    if (g.step.id === 'seize' && current(g, 'coercionApproval').length === 0) {
      return block('C-18', '实施查封、扣押前须经行政机关负责人批准');
    }
    if (g.step.id === 'emergencySeize' && g.input && !g.input.emergency) {
      return block('C-19', '当场实施须写明情况紧急的理由');
    }
    const c = g.input?.coercionChecklist;
    if (!g.input) return ok;
    if (!c) return block('C-18', '请逐项确认实施强制措施的法定程序');
    const missing: string[] = [];
    if (!c.credentialsShown) missing.push('出示执法身份证件');
    if (!c.partyNotified) missing.push('通知当事人到场');
    if (!c.reasonsExplained) missing.push('当场告知理由、依据和当事人依法享有的权利、救济途径');
    if (!c.statementHeard) missing.push('听取当事人的陈述和申辩');
    if (c.transcriptSigned === 'none')
      missing.push('现场笔录由当事人和执法人员签名或者盖章（拒绝的注明；不到场的邀请见证人签名）');
    return missing.length > 0 ? block('C-18', `尚未完成：${missing.join('；')}`) : ok;
  },

  // C-19: an emergency measure is approved within 24 hours, or released.
  'C-19': (g) => {
    const at = g.case.flags.emergencyAt;
    if (!at) return g.step.id === 'approveEmergency' ? block('C-19', '本案不是紧急情况下当场实施的强制措施') : ok;
    if (g.step.id === 'approveEmergency') {
      if (g.case.flags.emergencyApproved) return block('C-19', '已补办批准手续');
      return g.now.getTime() - Date.parse(at) > 24 * 3600 * 1000
        ? block('C-19', '已超过24小时未补办批准手续，应当立即解除查封、扣押')
        : ok;
    }
    return g.case.flags.emergencyApproved ? ok : block('C-19', '紧急实施的强制措施尚未补办批准手续，只能解除');
  },

  // C-25: one extension of at most 30 days, approved before the 30 days run out, the party told in writing.
  'C-25': (g) => {
    if (g.case.flags.seizureExtended) return block('C-25', '查封、扣押期限只能延长一次');
    const due = openDeadline(g, 'seizure');
    if (due && g.actOn > due.dueOn) return block('C-25', `查封、扣押期限已于${due.dueOn}届满，不能再延长，应当解除`);
    return ok;
  },

  // C-35: a written demand is served before enforcement is applied for.
  'C-35': (g) =>
    g.case.flags.demandServed || current(g, 'paymentDemand').length > 0
      ? ok
      : block('C-35', '申请强制执行前，应当先书面催告当事人履行义务'),

  // G-6: a step on the 音像记录事项清单 as 全程记录 needs an AV record attached.
  'G-6': (g) => {
    if (avLevel(g.avList, g.step) !== 'full') return ok;
    const ids = g.input?.avFileIds ?? [];
    if (!g.input) return ok;
    if (ids.length === 0) return block('G-6', `“${g.step.label}”须全程音像记录，请先上传并选择音像记录`);
    const av = new Set(g.files.filter((f) => f.kind === 'av').map((f) => f.id));
    return ids.every((id) => av.has(id)) ? ok : block('G-6', '所选音像记录不属于本案，或不是音像记录');
  },
};

/** The agency's 音像记录事项清单 rows for one procedure, by step: read once per request. */
export async function avListOf(db: Executor, agencyId: number, procedure: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ step: avRequirements.step, level: avRequirements.level })
    .from(avRequirements)
    .where(and(eq(avRequirements.agencyId, agencyId), eq(avRequirements.procedure, procedure)));
  return new Map(rows.map((r) => [r.step, r.level]));
}

/** The step's AV requirement: the agency's list where it has a row, else the definition's default. */
export function avLevel(avList: Map<string, string>, step: StepDefinition): 'full' | 'asNeeded' | 'none' {
  return (avList.get(step.id) as 'full' | 'asNeeded' | undefined) ?? step.av ?? 'none';
}

/** Runs the step's guards (and P-63's bookkeeping helper for the notice). */
export async function runGuards(g: GuardContext): Promise<GuardFinding[]> {
  const findings: GuardFinding[] = [];
  for (const ruleId of g.step.guards) {
    const guard = GUARDS[ruleId];
    if (!guard) throw new Error(`no guard for ${ruleId}`);
    findings.push(...(await guard(g)));
  }
  return findings;
}

export { hearingThreshold };
