import { type InstrumentType, type Party, residentIdCheckDigit, shiftDate, stepOf } from '@sanxiang/domain';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { disclosures } from '../db/schema.js';
import { createCase } from '../modules/cases/caseService.js';
import { takeStep } from '../modules/cases/workflowEngine.js';
import { publishDisclosure } from '../modules/disclosure/disclosureService.js';
import type { Principal } from '../modules/identity/principal.js';

const first17 = '53022319850612301';
/** A natural person (a 个体 fireworks seller): the portal shows this party masked as 周某某 (G-3). */
const PERSON: Party = {
  type: 'person',
  name: '周建明',
  idNumber: first17 + residentIdCheckDigit(first17),
  address: '示例县龙泉镇青龙村三组17号',
  phone: '13987012345',
  legalRepresentative: '',
};

export interface DemoPersonCaseHelpers {
  officerIds: number[];
  /** The day of the on-the-spot decision (not after today; a year the holiday calendar covers). */
  on: string;
  /** Required instrument fields (demoCases.ts fieldsFor). */
  fields: (types: readonly InstrumentType[], actOn: string) => Record<string, string>;
  /** A body-camera record of the step (G-6 requires one for 当场处罚). */
  av: (caseId: number, step: string, on: string) => Promise<number>;
}

/**
 * A 简易程序 penalty on a natural person — a 200-yuan fine, the most P-51 allows for a person —
 * decided on the spot and published two days later, so the demo portal shows a masked party.
 * Returns the number of cases it made (1).
 */
export async function loadDemoPersonCase(db: Db, p: Principal, h: DemoPersonCaseHelpers): Promise<number> {
  const on = h.on;
  const c = await createCase(db, p, {
    procedure: 'penalty.summary',
    field: 'emergency',
    title: '个体经营者超量存放烟花爆竹案',
    source: 'inspection',
    place: '示例县龙泉镇集贸市场',
    leadOn: on,
    violationOn: shiftDate(on, -2),
    violationContinuing: false,
    harmsSafety: false,
    facts: '',
    party: PERSON,
    officerIds: h.officerIds,
  });
  const step = stepOf('penalty.summary', 'decideOnSpot');
  if (!step) throw new Error('demo step decideOnSpot unknown');
  await takeStep(db, p, c.id, 'decideOnSpot', {
    expectedVersion: c.version,
    actOn: on,
    fields: h.fields([...(step.drafts ?? []), ...(step.instruments ?? [])], on),
    avFileIds: [await h.av(c.id, 'decideOnSpot', on)],
    note: '',
    officerIds: h.officerIds,
    facts: {
      facts:
        '当事人在龙泉镇集贸市场摊位内存放烟花爆竹约3箱，超出零售经营许可证核定的限量存放，事实清楚，当事人当场承认。',
      violatedProvision: '《烟花爆竹安全管理条例》第十八条',
      penaltyBasis: '《烟花爆竹安全管理条例》第三十八条第一款',
    },
    penalty: { kinds: ['fine'], fineFen: 200 * 100, confiscationFen: 0, detail: '' },
  });
  const [task] = await db
    .select()
    .from(disclosures)
    .where(and(eq(disclosures.caseId, c.id), eq(disclosures.status, 'pending')));
  if (task) await publishDisclosure(db, p, task.id, { actOn: on });
  return 1;
}
