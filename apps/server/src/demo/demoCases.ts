import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  INSTRUMENT_CATALOG,
  type InstrumentType,
  type Party,
  type ProcedureId,
  REVIEW_CHECK_ITEMS,
  type Role,
  shanghaiDate,
  shiftDate,
  stepOf,
  usccCheckCharacter,
  WorkCalendar,
} from '@sanxiang/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { agencies, caseFiles, disclosures, legalReviews, officers, users } from '../db/schema.js';
import type { StepBody } from '../modules/cases/caseSchemas.js';
import { createCase } from '../modules/cases/caseService.js';
import { takeStep } from '../modules/cases/workflowEngine.js';
import { publishDisclosure, withdrawDisclosure } from '../modules/disclosure/disclosureService.js';
import { type Principal, scopeOf } from '../modules/identity/principal.js';
import { actorOf } from '../modules/ledger/actor.js';
import { appendEntry } from '../modules/ledger/ledgerStore.js';
import { type FileStore, storageKeyFor } from '../modules/records/fileStore.js';
import { decideReview, submitReview } from '../modules/review/reviewService.js';
import { loadDemoPersonCase } from './demoPersonCase.js';

/**
 * Cases in every state of every procedure for the demo 应急管理局, taken through the real workflow
 * engine (guards, instruments, deadlines, ledger), so that a newcomer sees a lived-in system.
 * Dates are in the past and chosen so that every deadline falls in a year with holiday data.
 */

const uscc = (body: string) => body + usccCheckCharacter(body);
const PARTIES: Party[] = [
  {
    type: 'organization',
    name: '示例县恒达化工有限公司',
    idNumber: uscc('91530223MA6K3B2X8'),
    address: '示例县工业园区纬二路8号',
    phone: '0870-6301122',
    legalRepresentative: '赵立新',
  },
  {
    type: 'organization',
    name: '示例县宏远建材有限责任公司',
    idNumber: uscc('91530223MA6N8Q4T1'),
    address: '示例县城关镇南环路166号',
    phone: '0870-6305566',
    legalRepresentative: '钱国庆',
  },
  {
    type: 'organization',
    name: '示例县顺通加油站',
    idNumber: uscc('92530223MA6P2R7W3'),
    address: '示例县龙泉镇国道旁',
    phone: '0870-6308899',
    legalRepresentative: '孙红梅',
  },
  {
    type: 'organization',
    name: '示例县鑫源烟花爆竹经营部',
    idNumber: uscc('92530223MA6R5T9Y6'),
    address: '示例县城关镇新华街32号',
    phone: '0870-6302233',
    legalRepresentative: '李春生',
  },
];

type DemoUser = 'zhifa' | 'zhifa2' | 'fuzeren' | 'shenhe';
/** 法制审核 actions between steps (review/reviewService.ts). */
type ReviewAction = 'review:submit' | 'review:supplement' | 'review:approve';

interface Scenario {
  procedure: ProcedureId;
  title: string;
  party: number;
  /** [step or review action, day offset from the lead, who, extra input]. */
  steps: [string, number, DemoUser, Partial<StepBody>?][];
}

const fine = (yuan: number) => ({ kinds: ['fine' as const], fineFen: yuan * 100, confiscationFen: 0, detail: '' });
const FACTS = {
  facts:
    '经查，当事人自2025年10月起在厂区储存液氨约12吨，已构成危险化学品重大危险源，但未按照规定对重大危险源进行安全评估，未建立重大危险源安全管理档案，也未将重大危险源及有关安全措施、应急措施报应急管理部门备案。上述事实有现场检查笔录、询问笔录、现场照片及当事人提供的储罐台账等证据证实。',
  violatedProvision: '《中华人民共和国安全生产法》第四十条第一款',
  penaltyBasis: '《中华人民共和国安全生产法》第一百零一条第二项',
};
const CHECKLIST = {
  credentialsShown: true,
  partyNotified: true,
  reasonsExplained: true,
  statementHeard: true,
  transcriptSigned: 'party' as const,
};

const FILING: Scenario['steps'] = [
  ['proposeFiling', 0, 'zhifa'],
  ['approveFiling', 1, 'fuzeren'],
];
const INVESTIGATED: Scenario['steps'] = [
  ...FILING,
  ['inspect', 3, 'zhifa'],
  ['inquire', 5, 'zhifa2'],
  ['finishInvestigation', 12, 'zhifa', { facts: FACTS, penalty: fine(30000) }],
];
const NOTICED: Scenario['steps'] = [...INVESTIGATED, ['servePriorNotice', 14, 'zhifa', { penalty: fine(30000) }]];
const APPROVED: Scenario['steps'] = [
  ...NOTICED,
  ['recordStatement', 15, 'zhifa', { waiver: true }],
  ['approveDecision', 17, 'fuzeren', { penalty: fine(30000) }],
];
const DECIDED: Scenario['steps'] = [...APPROVED, ['issueDecision', 18, 'zhifa', { partyPresent: false }]];
const SERVED: Scenario['steps'] = [
  ...DECIDED,
  ['serve', 20, 'zhifa', { service: { method: 'direct', receivedOn: '' } }],
];

/** A major case (¥150,000 for an organisation: catalog rule S2-3, with collective deliberation, P-57). */
const MAJOR_FINE = fine(150_000);
const MAJOR_NOTICED: Scenario['steps'] = [
  ...FILING,
  ['inspect', 3, 'zhifa'],
  ['inquire', 5, 'zhifa2'],
  ['finishInvestigation', 12, 'zhifa', { facts: FACTS, penalty: MAJOR_FINE }],
  ['servePriorNotice', 14, 'zhifa', { penalty: MAJOR_FINE }],
  ['recordStatement', 15, 'zhifa', { waiver: true }],
];

const SCENARIOS: Scenario[] = [
  { procedure: 'penalty.general', title: '未按规定设置安全警示标志案', party: 1, steps: [] },
  {
    procedure: 'penalty.general',
    title: '未如实记录安全生产教育和培训情况案',
    party: 2,
    steps: [['proposeFiling', 0, 'zhifa']],
  },
  {
    procedure: 'penalty.general',
    title: '特种作业人员未持证上岗案',
    party: 1,
    steps: [...FILING, ['inspect', 3, 'zhifa']],
  },
  { procedure: 'penalty.general', title: '未按规定开展隐患排查治理案', party: 2, steps: INVESTIGATED },
  { procedure: 'penalty.general', title: '未对重大危险源进行安全评估案', party: 0, steps: NOTICED },
  { procedure: 'penalty.general', title: '危险化学品储存不符合规定案', party: 0, steps: APPROVED },
  { procedure: 'penalty.general', title: '未按规定配备应急救援器材案', party: 3, steps: DECIDED },
  { procedure: 'penalty.general', title: '安全设备未经常性维护保养案', party: 1, steps: SERVED },
  {
    procedure: 'penalty.general',
    title: '未建立安全生产责任制案',
    party: 2,
    steps: [
      ...SERVED,
      ['recordPayment', 26, 'zhifa', { payment: { paidOn: '', paidFen: 3_000_000 } }],
      ['proposeClosing', 28, 'zhifa'],
      ['approveClosing', 29, 'fuzeren'],
      ['archive', 31, 'zhifa'],
    ],
  },
  {
    procedure: 'penalty.general',
    title: '非法储存烟花爆竹涉嫌危险物品肇事案',
    party: 3,
    steps: [
      ...FILING,
      ['review:submit', 3, 'zhifa'],
      ['review:approve', 4, 'shenhe'],
      ['referCrime', 4, 'fuzeren', { outcome: '涉嫌非法储存爆炸物，危及公共安全，移送示例县公安局' }],
    ],
  },
  // Legal review (issue 5): one ready to submit, one waiting for the reviewer, one reviewed twice and decided.
  { procedure: 'penalty.general', title: '未经安全评价擅自储存液氯案', party: 0, steps: MAJOR_NOTICED },
  {
    procedure: 'penalty.general',
    title: '液氨储罐区未设置泄漏报警装置案',
    party: 1,
    steps: [...MAJOR_NOTICED, ['review:submit', 16, 'zhifa']],
  },
  {
    procedure: 'penalty.general',
    title: '重大事故隐患逾期未整改案',
    party: 2,
    steps: [
      ...MAJOR_NOTICED,
      ['review:submit', 16, 'zhifa'],
      ['review:supplement', 18, 'shenhe'],
      ['review:submit', 20, 'zhifa'],
      ['review:approve', 21, 'shenhe'],
      ['deliberate', 22, 'fuzeren'],
      ['approveDecision', 22, 'fuzeren', { penalty: MAJOR_FINE }],
      ['issueDecision', 23, 'zhifa', { partyPresent: true }],
    ],
  },
  {
    procedure: 'penalty.general',
    title: '举报某作坊无证生产案',
    party: 2,
    steps: [
      ['proposeFiling', 0, 'zhifa'],
      ['rejectFiling', 2, 'fuzeren', { note: '经核查，举报对象已于2025年停业注销，不予立案。' }],
    ],
  },
  {
    procedure: 'penalty.summary',
    title: '加油站作业区未设置禁止吸烟标志案',
    party: 2,
    steps: [
      [
        'decideOnSpot',
        0,
        'zhifa',
        {
          facts: { ...FACTS, facts: '当事人加油作业区未设置“禁止吸烟”等安全警示标志，事实清楚，当事人无异议。' },
          penalty: fine(2000),
        },
      ],
    ],
  },
  {
    procedure: 'penalty.summary',
    title: '灭火器过期未更换案',
    party: 3,
    steps: [
      [
        'decideOnSpot',
        0,
        'zhifa',
        {
          facts: { ...FACTS, facts: '当事人经营场所配置的4具灭火器已过有效期未更换，事实清楚，当事人无异议。' },
          penalty: fine(1000),
        },
      ],
      ['recordPayment', 2, 'zhifa', { payment: { paidOn: '', paidFen: 100_000 } }],
      ['reportFiling', 3, 'zhifa'],
      ['archive', 5, 'zhifa'],
    ],
  },
  { procedure: 'penalty.summary', title: '经营场所安全出口堵塞案', party: 3, steps: [] },
  { procedure: 'coercion.seizure', title: '扣押不符合安全标准的液化气钢瓶', party: 0, steps: [] },
  {
    procedure: 'coercion.seizure',
    title: '查封存在重大事故隐患的烟花爆竹仓库',
    party: 3,
    steps: [
      ['approveCoercion', 0, 'fuzeren'],
      ['seize', 1, 'zhifa', { coercionChecklist: CHECKLIST }],
    ],
  },
  {
    procedure: 'coercion.seizure',
    title: '扣押无标识危险化学品',
    party: 0,
    steps: [
      ['approveCoercion', 0, 'fuzeren'],
      ['seize', 1, 'zhifa', { coercionChecklist: CHECKLIST }],
      ['releaseSeizure', 20, 'zhifa'],
      ['proposeClosing', 22, 'zhifa'],
      ['archive', 24, 'zhifa'],
    ],
  },
  { procedure: 'inspection', title: '2026年第三季度危险化学品企业专项检查', party: 0, steps: [] },
  { procedure: 'inspection', title: '建材企业粉尘防爆专项检查', party: 1, steps: [['inspect', 0, 'zhifa']] },
  {
    procedure: 'inspection',
    title: '加油站安全生产日常检查',
    party: 2,
    steps: [
      ['inspect', 0, 'zhifa'],
      ['orderRectification', 0, 'zhifa', { rectificationDays: 15 }],
    ],
  },
  {
    procedure: 'inspection',
    title: '烟花爆竹经营场所节前检查',
    party: 3,
    steps: [
      ['inspect', 0, 'zhifa'],
      ['orderRectification', 0, 'zhifa', { rectificationDays: 10 }],
      ['reviewRectification', 12, 'zhifa', { outcome: '已按期整改完毕' }],
      ['archive', 14, 'zhifa'],
    ],
  },
];

/** Realistic words for the instrument fields the demo fills, by field key; anything else gets a neutral line. */
const TEXT: Record<string, string> = {
  place: '当事人厂区',
  situation:
    '执法人员出示执法证件，表明身份，说明来意。经检查，当事人液氨储罐区未设置重大危险源安全警示标志，储罐区可燃气体报警装置未正常投用，现场未能提供重大危险源安全评估报告。',
  transcript:
    '问：我们是示例县应急管理局的执法人员，这是我们的执法证件，请你过目。你是否看清楚了？\n答：看清楚了。\n问：你单位液氨储罐是否做过重大危险源安全评估？\n答：还没有做，正在联系评估机构。\n问：以上记录是否属实？\n答：属实。',
  interviewee: '赵立新',
  intervieweeUnit: '法定代表人',
  reason: '当事人涉嫌违反安全生产法律法规，依法应当采取相应措施。',
  undertakerOpinion: '建议立案调查。',
  headOpinion: '同意。',
  deptOpinion: '同意承办人意见。',
  proposal: '建议依法给予行政处罚。',
  investigationProcess: '执法人员于立案后对当事人进行了现场检查，询问了当事人法定代表人，调取了储罐台账等书证。',
  discretion: '当事人积极配合调查，无从重情节，按一般情形处罚。',
  storagePlace: '示例县应急管理局涉案财物保管室',
  attendees: '陈志远、李建国、张海涛、刘晓敏',
  conclusion: '同意承办机构意见。',
  receiver: '示例县公安局',
  referralReason: '当事人涉嫌非法储存爆炸物，情节严重，涉嫌犯罪。',
  reviewFindings: '经复查，当事人已按要求完成整改。',
};

function fieldsFor(types: readonly InstrumentType[], actOn: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const type of types) {
    for (const f of INSTRUMENT_CATALOG[type].fields) {
      if (out[f.key] !== undefined || !f.required) continue;
      out[f.key] =
        f.kind === 'date'
          ? actOn
          : f.kind === 'datetime'
            ? `${actOn}T${/end/i.test(f.key) ? '10:30' : '09:00'}`
            : f.kind === 'number'
              ? String(f.min ?? 1)
              : f.kind === 'yuan'
                ? '0'
                : f.kind === 'select'
                  ? (f.options?.[0] ?? '')
                  : (TEXT[f.key] ?? (f.kind === 'textarea' ? `${f.label}：见案卷材料。` : `${f.label}`));
    }
  }
  return out;
}

async function principalOf(db: Db, username: string): Promise<Principal> {
  const [r] = await db
    .select({ user: users, agency: agencies })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.username, username));
  if (!r) throw new Error(`demo user ${username} missing`);
  return {
    userId: r.user.id,
    username: r.user.username,
    displayName: r.user.displayName,
    roles: r.user.roles as Role[],
    officerId: r.user.officerId,
    agencyId: r.agency.id,
    agencyName: r.agency.name,
    agencyRole: r.agency.role as 'agency',
    regionCode: r.agency.regionCode,
    mustChangePassword: false,
    sessionId: '',
    csrfToken: '',
    scope: scopeOf(r.agency),
  };
}

/** A small "body camera still" for the steps the AV list requires recording for (G-6). */
async function avRecord(db: Db, store: FileStore, p: Principal, caseId: number, step: string, on: string) {
  const bytes = Buffer.from(`演示音像记录：案件 ${caseId}，环节 ${step}，${on}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sm3 = createHash('sm3').update(bytes).digest('hex');
  await store.write(storageKeyFor(sha256), Readable.from([bytes]));
  return db.transaction(async (tx) => {
    const [f] = await tx
      .insert(caseFiles)
      .values({
        caseId,
        agencyId: p.agencyId,
        kind: 'av',
        step,
        name: `执法记录仪_${on.replaceAll('-', '')}_${step}.txt`,
        mimeType: 'text/plain; charset=utf-8',
        size: bytes.length,
        sm3,
        sha256,
        storageKey: storageKeyFor(sha256),
        device: '执法记录仪 DSJ-示例01',
        capturedAt: new Date(`${on}T09:00:00+08:00`),
        capturedByOfficerId: p.officerId,
        uploadedBy: p.userId,
      })
      .returning();
    if (!f) throw new Error('demo AV record not inserted');
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: p.agencyId,
      subjectType: 'case',
      subjectId: caseId,
      action: 'file.upload',
      payload: { fileId: f.id, name: f.name, kind: 'av', step, size: f.size, sm3, sha256, demo: true },
    });
    return f.id;
  });
}

const SUPPLEMENT_FINDINGS: Record<string, string> = {
  evidenceSufficient: '缺少重大事故隐患整改复查记录和当事人逾期未整改的证据。',
};

/** A 法制审核 action of the demo, through the same service the API uses. */
async function reviewAction(
  db: Db,
  who: Record<DemoUser, Principal>,
  caseId: number,
  action: ReviewAction,
  actOn: string,
) {
  if (action === 'review:submit') {
    const rounds = await db.select().from(legalReviews).where(eq(legalReviews.caseId, caseId));
    await submitReview(db, who.zhifa, caseId, {
      statement:
        rounds.length === 0
          ? '本案拟作出的决定属于重大执法决定，现将案件材料报送法制审核。'
          : '已按审核意见补充整改复查记录和逾期未整改的证据，重新送审。',
      actOn,
    });
    return;
  }
  const [pending] = await db
    .select()
    .from(legalReviews)
    .where(and(eq(legalReviews.caseId, caseId), eq(legalReviews.status, 'pending')));
  if (!pending) throw new Error(`demo case ${caseId} has no pending review`);
  const supplement = action === 'review:supplement';
  await decideReview(db, who.shenhe, pending.id, {
    findings: REVIEW_CHECK_ITEMS.map((item) => {
      const problem = supplement ? SUPPLEMENT_FINDINGS[item] : undefined;
      return {
        item,
        finding: problem ? 'problem' : 'pass',
        note: problem ?? (item === 'discretion' ? '罚款数额在法定幅度内，与违法情节相当。' : ''),
      };
    }),
    opinion: supplement ? 'supplement' : 'approve',
    opinionNote: supplement ? '事实不清、证据不足，请补充整改复查记录和逾期未整改的证据后重新送审。' : '',
    actOn,
  });
}

export async function loadDemoCases(db: Db, store: FileStore): Promise<number> {
  const who = {
    zhifa: await principalOf(db, 'zhifa'),
    zhifa2: await principalOf(db, 'zhifa2'),
    fuzeren: await principalOf(db, 'fuzeren'),
    shenhe: await principalOf(db, 'shenhe'),
  };
  const team = await db
    .select({ id: officers.id, name: officers.name })
    .from(officers)
    .where(inArray(officers.name, ['李建国', '张海涛']));
  const officerIds = ['李建国', '张海涛'].map((n) => team.find((o) => o.name === n)?.id ?? 0);
  // The last act of every case is on `latest`: not after today, and early enough that a 90-day
  // decision deadline still falls in a year the holiday calendar covers (CAL).
  const covered = new WorkCalendar().coveredYears();
  const coveredEnd = `${Math.max(...covered)}-12-31`;
  const today = shanghaiDate();
  const latest = [today, shiftDate(coveredEnd, -95)].sort()[0] ?? today;
  for (const [i, s] of SCENARIOS.entries()) {
    const span = Math.max(0, ...s.steps.map(([, d]) => d));
    // Stagger the cases by a few days so the lists do not look machine-made.
    const start = shiftDate(latest, -span - (i % 5) * 3);
    const party = PARTIES[s.party] ?? PARTIES[0];
    const c = await createCase(db, who.zhifa, {
      procedure: s.procedure,
      field: 'emergency',
      title: s.title,
      source: s.procedure === 'inspection' ? 'other' : i % 3 === 0 ? 'complaint' : 'inspection',
      place: party?.address ?? '',
      leadOn: start,
      violationOn: s.procedure === 'inspection' ? null : shiftDate(start, -6),
      violationContinuing: false,
      harmsSafety: false,
      facts: '',
      party: party as Party,
      officerIds,
    });
    let version = c.version;
    for (const [stepId, day, user, extra] of s.steps) {
      const actOn = shiftDate(start, day);
      if (stepId.startsWith('review:')) {
        // Reviews are records of their own: the case's version does not change.
        await reviewAction(db, who, c.id, stepId as ReviewAction, actOn);
        continue;
      }
      const definition = stepOf(s.procedure, stepId);
      if (!definition) throw new Error(`demo step ${stepId} unknown`);
      const p = who[user];
      const av = definition.av === 'full' ? [await avRecord(db, store, p, c.id, stepId, actOn)] : [];
      const input: StepBody = {
        expectedVersion: version,
        actOn,
        fields: fieldsFor([...(definition.drafts ?? []), ...(definition.instruments ?? [])], actOn),
        avFileIds: av,
        note: '',
        ...(definition.inputs?.includes('officers') ? { officerIds } : {}),
        ...extra,
      };
      if (input.service) input.service = { ...input.service, receivedOn: actOn };
      if (input.payment) input.payment = { ...input.payment, paidOn: actOn };
      const done = await takeStep(db, p, c.id, stepId, input);
      version = done.case?.version ?? version + 1;
    }
  }
  await publishDemoDisclosures(db, who.zhifa, today);
  // A natural person's summary penalty, published masked (张某某-style): demoPersonCase.ts.
  const person = await loadDemoPersonCase(db, who.zhifa, {
    officerIds,
    on: latest,
    fields: fieldsFor,
    av: (caseId, step, on) => avRecord(db, store, who.zhifa, caseId, step, on),
  });
  return SCENARIOS.length + person;
}

/**
 * 事后公开 of the demo decisions (G-1): published two days after the decision, except the newest,
 * left pending (the overdue alert); one published penalty is then withdrawn after reconsideration
 * revoked it (G-2), so the portal shows a withdrawal notice.
 */
async function publishDemoDisclosures(db: Db, p: Principal, today: string) {
  const tasks = await db.select().from(disclosures).orderBy(asc(disclosures.id));
  const pending = tasks.slice(0, -1);
  for (const task of pending) {
    const on = [shiftDate(task.decidedOn, 2), today].sort()[0] ?? today;
    await publishDisclosure(db, p, task.id, { actOn: on });
  }
  const penalty = pending.find((d) => d.category === 'penalty');
  if (penalty) {
    const reversedOn = [shiftDate(penalty.decidedOn, 20), today].sort()[0] ?? today;
    await withdrawDisclosure(db, p, penalty.id, {
      reversalKind: 'revoked',
      reversedOn,
      reason: '经行政复议，示例县人民政府决定撤销该行政处罚决定，责令重新作出',
      actOn: reversedOn,
    });
  }
}
