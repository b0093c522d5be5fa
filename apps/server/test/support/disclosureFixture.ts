import {
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
  type DisclosureRecord,
  maskParty,
  maskText,
  mergePersonalData,
  type Party,
  personalDataOf,
  residentIdCheckDigit,
  searchColumnsOf,
  usccCheckCharacter,
} from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/connection.js';
import { agencies, cases, disclosures } from '../../src/db/schema.js';

/**
 * Published decisions written straight into `disclosures`, as the publisher leaves them: the record
 * masked by the domain's masking (G-3), the search columns from searchColumnsOf. For the public API's tests and
 * the portal's browser test, until the demo county publishes its own.
 */

export const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);
export const uscc = (first17: string) => first17 + usccCheckCharacter(first17);

const BASIS = {
  violatedProvision: '《中华人民共和国安全生产法》第二十八条第一款',
  legalBasis: '《中华人民共和国安全生产法》第九十七条第三项',
};

export type RecordTexts = Pick<DisclosureRecord, 'instrumentNumber' | 'title' | 'facts' | 'conclusion' | 'decidedOn'> &
  Partial<Pick<DisclosureRecord, 'violatedProvision' | 'legalBasis' | 'instrumentName' | 'instrumentType'>>;

/** A record as the publisher writes it: party masked, free texts through maskText (other people named in them too). */
export function recordOf(
  agency: { id: number; name: string; regionCode?: string },
  category: DisclosureCategory,
  party: Party,
  texts: RecordTexts,
  otherPersons: string[] = [],
): DisclosureRecord {
  const masked = maskParty(party);
  const data = mergePersonalData(personalDataOf(party), { personNames: otherPersons, keepNames: [agency.name] });
  const instrument =
    category === 'penalty'
      ? { instrumentType: 'penaltyDecision', instrumentName: '行政处罚决定书' }
      : { instrumentType: '', instrumentName: '' };
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    regionCode: agency.regionCode ?? '530223',
    category,
    categoryLabel: DISCLOSURE_CATEGORY_LABELS[category],
    partyType: party.type,
    partyName: masked.name,
    partyCode: party.type === 'organization' ? party.idNumber : '',
    legalRepresentative: party.type === 'organization' ? masked.legalRepresentative : '',
    ...instrument,
    ...BASIS,
    ...texts,
    title: maskText(texts.title, data),
    facts: maskText(texts.facts, data),
  };
}

let caseSeq = 0;

/** One disclosure row (and the case it belongs to). `record: null` for a pending task. */
export async function insertDisclosure(
  db: Db,
  agencyId: number,
  party: Party,
  values: Partial<typeof disclosures.$inferInsert> & { record: DisclosureRecord | null; status: string },
): Promise<{ id: number; record: DisclosureRecord }> {
  const [c] = await db
    .insert(cases)
    .values({
      agencyId,
      caseNo: `公开测试〔2026〕${++caseSeq}号`,
      procedure: 'penalty.general',
      field: 'emergency',
      title: values.record?.title ?? '待公开案件',
      source: 'inspection',
      state: 'closed',
      leadOn: '2026-01-05',
      party,
    })
    .returning();
  if (!c) throw new Error('case not inserted');
  const [d] = await db
    .insert(disclosures)
    .values({
      agencyId,
      caseId: c.id,
      category: values.record?.category ?? 'penalty',
      decidedOn: values.record?.decidedOn ?? '2026-11-20',
      dueOn: '2026-12-01',
      publicUntil: '2099-12-31',
      ...(values.record ? searchColumnsOf(values.record, values.publishedOn ?? values.record.decidedOn) : {}),
      ...values,
    })
    .returning();
  if (!d) throw new Error('disclosure not inserted');
  return { id: d.id, record: values.record as DisclosureRecord };
}

export interface PortalFixture {
  agencyId: number;
  /** A natural person's penalty (masked). */
  person: number;
  /** Version 2 of a corrected decision; version 1 is `superseded`. */
  corrected: number;
  superseded: number;
  withdrawn: number;
  expired: number;
  /** Every party: the persons' data must never show; the organisations' names, codes and 法定代表人 may. */
  parties: Party[];
  /** Other natural persons named in the facts, masked too. */
  otherPersons: string[];
}

/** A realistic set over the demo county's agencies: penalties, a license, a coercive measure, an inspection. */
export async function seedPortalDisclosures(db: Db): Promise<PortalFixture> {
  const agency = async (name: string) => {
    const [a] = await db.select().from(agencies).where(eq(agencies.name, name));
    if (!a) throw new Error(`no agency ${name}`);
    return a;
  };
  const yjj = await agency('示例县应急管理局');
  const nyj = await agency('示例县能源局');
  const nyny = await agency('示例县农业农村局');
  const sw = await agency('示例县商务局');

  const woman: Party = {
    type: 'person',
    name: '欧阳娜娜',
    idNumber: residentId('53010219900307124'),
    address: '云南省昆明市五华区华山南路12号3栋2单元501室',
    phone: '13808712345',
    legalRepresentative: '',
  };
  const trader: Party = {
    type: 'person',
    name: '马晓东',
    idNumber: residentId('53022319820611031'),
    address: '示例县城关镇东风路22号附1号',
    phone: '0870-6135566',
    legalRepresentative: '',
  };
  const fireworks: Party = {
    type: 'organization',
    name: '示例县宏达烟花爆竹有限公司',
    idNumber: uscc('91530223MA6K12345'),
    address: '示例县工业园区兴业路8号',
    phone: '0870-6131234',
    legalRepresentative: '李建国',
  };
  const gas: Party = {
    type: 'organization',
    name: '示例县滇能燃气有限公司',
    idNumber: uscc('91530223MA6L20887'),
    address: '示例县城关镇能源路1号',
    phone: '0870-6139876',
    legalRepresentative: '赵志刚',
  };
  const farm: Party = {
    type: 'organization',
    name: '示例县丰收农资经营部',
    idNumber: uscc('92530223MA6M30551'),
    address: '示例县太平镇集镇街16号',
    phone: '13987011223',
    legalRepresentative: '孙丽华',
  };

  const person = await insertDisclosure(db, yjj.id, woman, {
    status: 'published',
    publishedOn: '2026-03-09',
    record: recordOf(
      yjj,
      'penalty',
      woman,
      {
        instrumentNumber: '示应急罚〔2026〕12号',
        title: '欧阳娜娜未按规定对从业人员进行安全生产教育和培训案',
        facts:
          `当事人欧阳娜娜（公民身份号码${woman.idNumber}，住${woman.address}，联系电话${woman.phone}）` +
          '经营的烟花爆竹零售点未对从业人员进行安全生产教育和培训，由其丈夫王建国代为经营。',
        conclusion: '警告，并处罚款人民币贰万元（¥20,000.00）',
        decidedOn: '2026-03-05',
      },
      ['王建国'],
    ),
  });

  const withdrawn = await insertDisclosure(db, yjj.id, fireworks, {
    status: 'withdrawn',
    publishedOn: '2026-04-01',
    withdrawnOn: '2026-06-03',
    reversedOn: '2026-06-01',
    withdrawDueOn: '2026-06-04',
    reversalKind: 'revoked',
    withdrawReason: '经行政复议，示例县人民政府决定撤销原行政处罚决定（示政复决〔2026〕7号）',
    record: recordOf(yjj, 'penalty', fireworks, {
      instrumentNumber: '示应急罚〔2026〕20号',
      title: '宏达烟花爆竹超量储存案',
      facts: '当事人仓库超量储存烟花爆竹成品。',
      conclusion: '罚款人民币伍万元',
      decidedOn: '2026-03-28',
    }),
  });

  const superseded = await insertDisclosure(db, yjj.id, fireworks, {
    status: 'superseded',
    publishedOn: '2026-05-06',
    record: recordOf(yjj, 'penalty', fireworks, {
      instrumentNumber: '示应急罚〔2026〕31号',
      title: '示例县宏达烟花爆竹有限公司未在生产车间设置明显的安全警示标志案',
      facts: '当事人生产车间未设置明显的安全警示标志。',
      conclusion: '罚款人民币叁万元',
      decidedOn: '2026-04-30',
    }),
  });
  const corrected = await insertDisclosure(db, yjj.id, fireworks, {
    status: 'published',
    version: 2,
    supersedesId: superseded.id,
    publishedOn: '2026-05-12',
    correctionReason: '原公开信息中罚款金额与决定书不一致，依决定书更正',
    record: recordOf(yjj, 'penalty', fireworks, {
      instrumentNumber: '示应急罚〔2026〕31号',
      title: '示例县宏达烟花爆竹有限公司未在生产车间设置明显的安全警示标志案',
      facts: '当事人生产车间未设置明显的安全警示标志。',
      conclusion: '罚款人民币贰万伍仟元',
      decidedOn: '2026-04-30',
    }),
  });

  await insertDisclosure(db, nyj.id, gas, {
    status: 'published',
    publishedOn: '2026-07-15',
    record: recordOf(nyj, 'inspection', gas, {
      instrumentNumber: '',
      title: '城镇燃气管道安全保护情况检查',
      facts: '检查发现中压燃气管道穿越段标志桩缺失3处，已责令限期整改。',
      conclusion: '责令于2026年8月15日前整改完毕',
      decidedOn: '2026-07-10',
      violatedProvision: '《城镇燃气管理条例》第三十五条',
      legalBasis: '《城镇燃气管理条例》第四十二条',
    }),
  });

  await insertDisclosure(db, nyny.id, farm, {
    status: 'published',
    publishedOn: '2026-08-20',
    record: recordOf(nyny, 'license', farm, {
      instrumentNumber: '示农许〔2026〕45号',
      instrumentName: '农药经营许可证',
      instrumentType: 'license',
      title: '示例县丰收农资经营部农药经营许可',
      facts: '申请人申请农药经营许可（不含限制使用农药），经审查符合条件。',
      conclusion: '准予行政许可，有效期五年',
      decidedOn: '2026-08-18',
      violatedProvision: '',
      legalBasis: '《农药管理条例》第二十四条',
    }),
  });

  await insertDisclosure(db, sw.id, trader, {
    status: 'published',
    publishedOn: '2026-09-03',
    record: recordOf(sw, 'coercion', trader, {
      instrumentNumber: '示商强〔2026〕3号',
      instrumentName: '查封（扣押）决定书',
      instrumentType: 'seizure',
      title: '马晓东涉嫌违规经营成品油查封案',
      facts: `当事人马晓东（住${trader.address}）在其经营场所违规储存、销售成品油约2吨。`,
      conclusion: '查封储油罐2个及成品油约2吨，期限三十日',
      decidedOn: '2026-09-01',
      violatedProvision: '《成品油市场管理办法》',
      legalBasis: '《中华人民共和国行政强制法》第九条',
    }),
  });

  const expired = await insertDisclosure(db, yjj.id, trader, {
    status: 'published',
    publishedOn: '2018-01-10',
    publicUntil: '2020-01-10',
    record: recordOf(yjj, 'penalty', trader, {
      instrumentNumber: '示安监罚〔2018〕2号',
      title: '马晓东非法储存烟花爆竹案',
      facts: '当事人在住宅内非法储存烟花爆竹。',
      conclusion: '没收非法储存的烟花爆竹，并处罚款人民币伍仟元',
      decidedOn: '2018-01-03',
    }),
  });

  return {
    agencyId: yjj.id,
    person: person.id,
    corrected: corrected.id,
    superseded: superseded.id,
    withdrawn: withdrawn.id,
    expired: expired.id,
    parties: [woman, trader, fireworks, gas, farm],
    otherPersons: ['王建国'],
  };
}
