import {
  calendarDaysBetween,
  computeDeadline,
  DEADLINE_RULES,
  hearingRightApplies,
  latePaymentPenaltyFen,
  SERVICE_METHOD_LABELS,
} from '@sanxiang/domain';
import { type GuardContext, hearingThreshold } from './caseGuards.js';
import type { StepBody } from './caseSchemas.js';

/** Fields of an approval form (审批表) written by the approving head, not by the proposer. */
export const APPROVER_KEYS = ['deptOpinion', 'headOpinion'];

/** Per step, every key `derivedFields` below may fill: keep the two together. */
export const DERIVED_KEYS: Record<string, string[]> = {
  extendTime: ['originalDeadline', 'newDeadline'],
  extendSeizure: ['originalNo', 'originalDate', 'extensionDays', 'newEndDate'],
  releaseSeizure: ['originalNo', 'originalDate'],
  serve: ['documentTitle', 'documentNumber', 'serviceMethod'],
  demandPayment: ['decisionNo', 'decisionDate', 'unpaidYuan', 'lateFeeYuan'],
  orderRectification: ['deadline'],
  reviewRectification: ['orderNo', 'orderDate'],
  servePriorNotice: ['hearing'],
  archive: ['closedOn', 'archivedOn', 'itemCount'],
  proposeClosing: ['closedOn'],
  /** From the review on record (legalReviewGate.ts reviewDerivedFields). */
  approveDecision: ['legalReviewOpinion'],
};

const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');

/**
 * Instrument fields the server knows better than the person filling the form — numbers and dates
 * of earlier instruments, computed deadlines, amounts — so they are filled here and cannot be
 * typed wrong. They override the form's values; the console shows them read-only.
 */
export function derivedFields(g: GuardContext, input: StepBody | null): Record<string, string> {
  const f: Record<string, string> = {};
  const last = (type: string) => g.instruments.filter((i) => i.type === type && !i.supersededById).at(-1);
  const open = (kind: string) => g.deadlines.find((d) => d.kind === kind && d.status === 'open');
  const decision = last('penaltyDecision') ?? last('summaryDecision');
  if (g.step.completes) {
    // The approver issues what the proposer drafted; only the approvers' own opinions are theirs to write.
    const draft = g.steps.filter((s) => s.step === g.step.completes).at(-1);
    const drafted = (draft?.data as { fields?: Record<string, string> } | undefined)?.fields ?? {};
    for (const [key, value] of Object.entries(drafted)) if (!APPROVER_KEYS.includes(key)) f[key] = value;
  }
  switch (g.step.id) {
    case 'extendTime': {
      const due = open('decisionExtension') ?? open('decision');
      if (due) {
        f.originalDeadline = due.dueOn;
        f.newDeadline = computeDeadline(g.calendar, DEADLINE_RULES.decisionExtension, due.dueOn).due;
      }
      break;
    }
    case 'extendSeizure':
    case 'releaseSeizure': {
      const seizure = last('seizureDecision');
      if (seizure) {
        f.originalNo = seizure.number;
        f.originalDate = seizure.issuedOn;
      }
      const due = open('seizure');
      if (g.step.id === 'extendSeizure' && due) {
        f.extensionDays = String(DEADLINE_RULES.seizureExtension.days);
        f.newEndDate = computeDeadline(g.calendar, DEADLINE_RULES.seizureExtension, due.dueOn).due;
      }
      break;
    }
    case 'serve':
      if (decision) {
        f.documentTitle = '行政处罚决定书';
        f.documentNumber = decision.number;
      }
      if (input?.service) f.serviceMethod = SERVICE_METHOD_LABELS[input.service.method];
      break;
    case 'demandPayment': {
      if (decision) {
        f.decisionNo = decision.number;
        f.decisionDate = decision.issuedOn;
      }
      const fine = g.case.decidedPenalty?.fineFen ?? 0;
      const due = open('finePayment');
      const late = due && g.actOn > due.dueOn ? calendarDaysBetween(due.dueOn, g.actOn) : 0;
      f.unpaidYuan = yuan(fine);
      f.lateFeeYuan = yuan(latePaymentPenaltyFen(fine, late));
      break;
    }
    case 'orderRectification':
      if (input?.rectificationDays) {
        f.deadline = computeDeadline(
          g.calendar,
          { ruleId: 'P-28', days: input.rectificationDays, count: 'calendar', label: '' },
          g.actOn,
        ).due;
      }
      break;
    case 'reviewRectification': {
      const order = last('rectificationOrder');
      if (order) {
        f.orderNo = order.number;
        f.orderDate = order.issuedOn;
      }
      break;
    }
    case 'servePriorNotice':
      // P-63 decides, not the form: whether the noticed penalty carries hearing rights.
      if (input?.penalty) f.hearing = hearingRightApplies(input.penalty, hearingThreshold(g)) ? '是' : '否';
      break;
    case 'archive':
      f.closedOn = g.case.closedOn ?? g.actOn;
      f.archivedOn = g.actOn;
      f.itemCount = String(g.instruments.filter((i) => !i.supersededById).length + 2);
      break;
    case 'proposeClosing':
      f.closedOn = g.actOn;
      break;
  }
  return f;
}
