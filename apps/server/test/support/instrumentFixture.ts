/**
 * Realistic instrument contexts for every instrument type: 示例县应急管理局 against a chemical company
 * (or, for the on-the-spot decision, a natural person), a 300+ character statement of facts, and step
 * form values an officer would really enter.
 */

import type { InstrumentContext, InstrumentType, Party } from '@sanxiang/domain';
import { INSTRUMENT_CATALOG, residentIdCheckDigit, usccCheckCharacter } from '@sanxiang/domain';

export const COMPANY: Party = {
  type: 'organization',
  name: '示例县某某化工有限公司',
  idNumber: `91530123MA6KX8R2L${usccCheckCharacter('91530123MA6KX8R2L')}`,
  address: '云南省昆明市示例县工业园区化工大道18号',
  phone: '0871-67891234',
  legalRepresentative: '李四',
};

export const PERSON: Party = {
  type: 'person',
  name: '张三',
  idNumber: `53012319850612003${residentIdCheckDigit('53012319850612003')}`,
  address: '云南省昆明市示例县城关镇文化路26号3栋2单元501室',
  phone: '13888123456',
  legalRepresentative: '',
};

/** A sentence of the facts long enough that a dropped glyph anywhere in it shows. */
export const FACTS_PROBE = '经调取该公司2026年1月至9月的危险化学品出入库台账，发现上述混存情形自2026年3月起一直存在';

export const FACTS =
  '2026年9月12日，本局执法人员在对示例县某某化工有限公司进行安全生产监督检查时发现：该公司甲类危险化学品仓库内，' +
  '硝酸铵、氯酸钠等氧化剂与硫磺、铝粉等易燃固体混存于同一库房，未按规定分区、分类、分库储存；库房内未设置可燃气体' +
  '浓度检测报警装置，防爆型照明灯具损坏两处未予更换；该公司主要负责人未组织制定本单位危险化学品事故应急救援预案，' +
  `亦未组织从业人员开展应急演练。${FACTS_PROBE}，期间累计入库硝酸铵约二十八吨。该公司安全管理人员王五对上述事实予以确认，` +
  '并在现场检查笔录上签字。经进一步询问，该公司法定代表人李四承认，因仓库扩建工程尚未完工，为节约仓储费用而临时将上述物品混存，' +
  '未向本局报告，也未采取任何隔离防护措施。';

const SUMMARY_FACTS =
  '2026年11月23日10时许，张三在示例县城关镇文化路加油站东侧空地，使用未经检验的液化石油气钢瓶向他人销售散装液化石油气，' +
  '经执法人员现场检查，钢瓶无检验合格标志，张三对上述事实无异议。';

const TRANSCRIPT = [
  '问：你的基本情况？',
  '答：我叫王五，是示例县某某化工有限公司的安全管理人员，负责公司仓库的日常安全管理工作，已经在公司工作四年了。',
  '问：公司甲类危险化学品仓库内储存了哪些物品？',
  '答：主要有硝酸铵、氯酸钠、硫磺和铝粉，硝酸铵是今年三月份开始进的货，一共进了大约二十八吨。',
  '问：这些物品是否分区、分类、分库储存？',
  '答：没有。原来的二号库房在扩建，所以三月份以后这些东西都临时放在一号库房里，中间只用木托盘隔开。',
  '问：库房内是否设置了可燃气体浓度检测报警装置？',
  '答：原来装过一台，去年坏了以后一直没有修，也没有重新安装。',
  '问：公司是否制定了危险化学品事故应急救援预案，是否组织过应急演练？',
  '答：预案还在起草，今年没有组织过演练。',
  '问：你还有什么需要补充的吗？',
  '答：没有了，以上说的都是事实。',
].join('\n');

const ITEMS = [
  '硝酸铵|25千克/袋|120袋|一号库房东侧',
  '氯酸钠|50千克/桶|36桶|一号库房北侧',
  '硫磺|25千克/袋|80袋|一号库房西侧',
].join('\n');

const FIELDS: Record<InstrumentType, Record<string, string>> = {
  filingApproval: {
    leadSummary:
      '2026年9月12日，执法人员在对示例县某某化工有限公司开展危险化学品专项检查时，发现该公司甲类危险化学品仓库内氧化剂与易燃固体混存、未设置可燃气体浓度检测报警装置等问题，涉嫌违反危险化学品储存管理规定。',
    filingBasis: '《中华人民共和国行政处罚法》第五十四条、《安全生产违法行为行政处罚办法》第二十三条',
    undertakerOpinion: '当事人涉嫌违法储存危险化学品，事实基本清楚，建议立案调查。',
    deptOpinion: '同意立案，由王明、赵丽承办。',
    headOpinion: '同意。',
  },
  inspectionRecord: {
    startAt: '2026-09-12T09:30',
    endAt: '2026-09-12T11:15',
    siteContact: '王五',
    siteContactTitle: '安全管理人员',
    siteContactPhone: '13988765432',
    findings: [
      '1. 甲类危险化学品仓库（一号库房）内，硝酸铵、氯酸钠等氧化剂与硫磺、铝粉等易燃固体混存，未分区、分类、分库储存；',
      '2. 一号库房内未设置可燃气体浓度检测报警装置，防爆型照明灯具损坏两处；',
      '3. 现场未能提供危险化学品事故应急救援预案及2026年度应急演练记录。',
    ].join('\n'),
  },
  onSiteRecord: {
    startAt: '2026-09-12T14:00',
    endAt: '2026-09-12T15:30',
    measure: '扣押',
    partyPresent: '到场',
    witness: '示例县工业园区管委会工作人员陈六',
    situation:
      '执法人员在当事人法定代表人李四在场的情况下，对一号库房内混存的硝酸铵120袋、氯酸钠36桶、硫磺80袋予以清点，并贴封条后扣押，转移至示例县危险化学品专用仓库存放。',
    partyStatement: '当事人表示对扣押的物品和数量无异议，希望尽快处理。',
  },
  inquiryRecord: {
    startAt: '2026-09-13T09:00',
    endAt: '2026-09-13T10:20',
    place: '示例县应急管理局三楼询问室',
    interviewee: '王五',
    intervieweeId: `53012319900315041${residentIdCheckDigit('53012319900315041')}`,
    intervieweeAge: '36',
    intervieweeUnit: '示例县某某化工有限公司安全管理人员',
    intervieweePhone: '13988765432',
    intervieweeAddress: '云南省昆明市示例县工业园区职工宿舍4栋302室',
    relation: '员工',
    transcript: TRANSCRIPT,
  },
  preservationNotice: {
    items: ITEMS,
    startDate: '2026-09-12',
    storageMethod: '就地保存',
    storagePlace: '当事人一号库房',
  },
  coercionApproval: {
    measure: '扣押',
    reason:
      '当事人违规混存氧化剂与易燃固体，存在重大事故隐患，依据《中华人民共和国安全生产法》第六十五条第一款第（四）项，拟对违法储存的危险化学品予以扣押。',
    items: ITEMS,
    durationDays: '30',
    undertakerOpinion: '建议扣押上述危险化学品，期限三十日。',
    legalReviewOpinion: '措施适当，程序合法。',
    headOpinion: '同意。',
  },
  seizureDecision: {
    measure: '扣押',
    reason:
      '经查，你单位在甲类危险化学品仓库内将硝酸铵、氯酸钠等氧化剂与硫磺、铝粉等易燃固体混存，有根据认为上述危险化学品不符合保障安全生产的国家标准或者行业标准，存在重大事故隐患。',
    items: ITEMS,
    startDate: '2026-09-12',
    durationDays: '30',
    storagePlace: '示例县危险化学品专用仓库',
    measureBasis: '《中华人民共和国安全生产法》第六十五条第一款第（四）项',
  },
  seizureExtension: {
    originalNo: '示应急扣〔2026〕3号',
    originalDate: '2026-09-12',
    reason: '需对扣押物品进行成分检测，检测周期较长',
    extensionDays: '30',
    newEndDate: '2026-11-10',
  },
  seizureRelease: {
    originalNo: '示应急扣〔2026〕3号',
    originalDate: '2026-09-12',
    releaseReason: '对违法行为已经作出处理决定，不再需要查封、扣押',
    items: ITEMS,
    releaseDate: '2026-11-25',
    returnPlace: '示例县危险化学品专用仓库',
  },
  rectificationOrder: {
    problems: [
      '甲类危险化学品仓库内氧化剂与易燃固体混存，未分区、分类、分库储存；',
      '库房内未设置可燃气体浓度检测报警装置，防爆型照明灯具损坏；',
      '未制定危险化学品事故应急救援预案，未组织应急演练。',
    ].join('\n'),
    deadline: '2026-10-12',
    orderBasis: '《中华人民共和国安全生产法》第六十五条第一款第（三）项',
  },
  rectificationReview: {
    orderNo: '示应急改〔2026〕7号',
    orderDate: '2026-09-12',
    reviewDate: '2026-10-13',
    reviewFindings:
      '经现场复查，你单位已将氧化剂与易燃固体分库储存，一号库房已安装可燃气体浓度检测报警装置两台并经检测合格，损坏的防爆灯具已更换，危险化学品事故应急救援预案已编制完成并于2026年10月9日组织了应急演练。',
    conclusion: '已整改完毕',
  },
  investigationReport: {
    investigationProcess: [
      '2026年9月12日，承办人员对当事人进行现场检查并制作现场检查笔录，对违法储存的危险化学品依法予以扣押；',
      '2026年9月13日，承办人员询问了当事人安全管理人员王五，并调取了出入库台账、营业执照复印件等书证。',
    ].join('\n'),
    discretion: '当事人在调查中如实陈述违法事实，积极配合调查，并于整改期限内完成全部整改，可以从轻处罚。',
    proposal: '当事人违法事实清楚，证据确实充分，程序合法。',
  },
  priorNotice: { hearing: '是', contactPerson: '王明', contactPhone: '0870-6123456' },
  statementRecord: {
    startAt: '2026-11-05T15:00',
    endAt: '2026-11-05T15:40',
    place: '示例县应急管理局三楼会议室',
    stater: '李四',
    staterRole: '法定代表人',
    statement: [
      '答：我们对违法事实没有异议。公司已经按照要求全部整改完毕，并且新建了二号库房，希望能够从轻处罚。',
      '问：你还有其他陈述、申辩意见吗？',
      '答：没有了。',
    ].join('\n'),
  },
  hearingRightsNotice: { contactPerson: '王明', contactPhone: '0870-6123456' },
  hearingNotice: {
    hearingAt: '2026-11-16T09:30',
    hearingPlace: '示例县应急管理局一楼听证室',
    host: '孙伟',
    members: '周敏、吴涛',
    clerk: '郑洁',
    publicity: '公开',
    contactPerson: '王明',
    contactPhone: '0870-6123456',
  },
  hearingRecord: {
    startAt: '2026-11-16T09:30',
    endAt: '2026-11-16T11:00',
    hearingPlace: '示例县应急管理局一楼听证室',
    publicity: '公开',
    host: '孙伟',
    members: '周敏、吴涛',
    clerk: '郑洁',
    agent: '钱七（云南某某律师事务所律师）',
    transcript: [
      '听证主持人：现在开始听证。请案件调查人员提出当事人违法的事实、证据和行政处罚建议。',
      '调查人员：当事人在甲类危险化学品仓库内混存氧化剂与易燃固体，有现场检查笔录、询问笔录、出入库台账等证据证明，建议处警告并处罚款人民币五万元。',
      '委托代理人：当事人对违法事实无异议，但已在期限内全部整改，且系初次违法，请求从轻处罚。',
      '听证主持人：听证结束，听证笔录交当事人核对后签名。',
    ].join('\n'),
  },
  legalReviewOpinion: {
    submittedOn: '2026-11-17',
    submittedBy: '王明（执法大队）',
    reviewRound: '第2次送审',
    majorReasons: [
      '经过听证程序作出的行政处罚决定（S2-4）：本案经过听证',
      '因案情复杂需要提请负责人集体讨论的决定（S2-5）：本案已列为须负责人集体讨论决定',
    ].join('\n'),
    proposal: '对示例县某某化工有限公司处警告，并处罚款人民币50,000元（大写：伍万元整）。',
    discretion:
      '适用裁量基准AQ-099-2“安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准”，一般阶次（法人或其他组织罚款100,000元至150,000元）。拟罚款50,000元低于该阶次幅度，承办机构以当事人整改到位、初次违法为由从轻处罚。',
    findings: [
      '一、执法主体是否合法：符合。示例县应急管理局依法对本行政区域内危险化学品安全实施监督管理。',
      '二、执法人员是否具备执法资格：符合。承办人员王明、赵丽均持有有效行政执法证件。',
      '三、执法程序是否合法：符合。已依法告知陈述、申辩和听证权利，并于2026年11月16日举行听证。',
      '四、案件事实是否清楚：符合。',
      '五、证据是否合法充分：符合。现场检查笔录、询问笔录、出入库台账等证据相互印证。',
      '六、适用法律、法规、规章是否准确：符合。',
      '七、行政裁量基准适用是否适当：符合。拟罚款低于所选阶次幅度，但当事人在限期内全部整改且系初次违法，依照行政处罚法第三十二条可以从轻处罚，理由成立。',
      '八、是否超越法定职权或者滥用职权：符合。',
      '九、执法文书是否规范齐备：符合。',
      '十、违法行为是否涉嫌犯罪需要移送司法机关：不适用。',
    ].join('\n'),
    opinion: '同意',
    opinionNote:
      '本案事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当，同意承办机构拟作出的处罚决定，建议提请负责人集体讨论决定。',
    reviewerName: '孙伟',
    reviewedOn: '2026-11-18',
  },
  deliberationRecord: {
    startAt: '2026-11-18T15:00',
    endAt: '2026-11-18T16:10',
    place: '示例县应急管理局二楼会议室',
    host: '刘强（局长）',
    recorder: '郑洁',
    attendees: '刘强（局长）、陈刚（副局长）、林芳（副局长）、孙伟（法制股股长）、王明（执法大队大队长）',
    observers: '赵丽',
    discussion: [
      '陈刚：违法事实清楚，证据充分，同意承办人意见。',
      '孙伟：法制审核认为适用法律正确，裁量适当，建议采纳当事人整改情况作为从轻情节。',
      '刘强：同意处警告并处罚款人民币五万元。',
    ].join('\n'),
    conclusion: '经集体讨论决定，对示例县某某化工有限公司处警告，并处罚款人民币50,000元。',
  },
  extensionApproval: {
    originalDeadline: '2026-12-11',
    newDeadline: '2027-01-10',
    reason: '本案涉及扣押物品成分检测及听证程序，在法定期限内不能办结，需延长办案期限三十日。',
    undertakerOpinion: '建议延长办案期限三十日。',
    headOpinion: '同意。',
  },
  decisionApproval: {
    statementSummary:
      '当事人于2026年11月5日提出陈述申辩，并申请听证；听证于2026年11月16日举行。当事人请求从轻处罚的理由部分成立。',
    undertakerOpinion: '建议处警告，并处罚款人民币50,000元。',
    legalReviewOpinion: '事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当。',
    deliberationOpinion: '同意承办人意见。',
    headOpinion: '同意。',
  },
  penaltyDecision: {
    statementHandling:
      '本机关于2026年11月2日向你单位送达了《行政处罚事先告知书》（示应急告〔2026〕9号），你单位提出了陈述、申辩并申请听证。经复核，你单位在整改期限内完成了全部整改，本机关对你单位从轻处罚的请求予以采纳。',
    paymentBank: '中国农业银行示例县支行',
    paymentAccount: '2405 0101 0400 12345',
  },
  summaryDecision: {
    decidedAt: '2026-11-23T10:40',
    place: '示例县城关镇文化路加油站东侧空地',
    paymentMethod: '到指定银行缴纳',
    paymentBank: '中国农业银行示例县支行',
  },
  serviceReceipt: {
    documentTitle: '行政处罚决定书',
    documentNumber: '示应急罚〔2026〕12号',
    servicePlace: '示例县工业园区化工大道18号',
    serviceMethod: '直接送达',
    serviceAt: '2026-11-23T15:20',
    witness: '',
    note: '',
  },
  paymentDemand: {
    decisionNo: '示应急罚〔2026〕12号',
    decisionDate: '2026-11-23',
    unpaidYuan: '50000',
    lateFeeYuan: '1500',
    paymentBank: '中国农业银行示例县支行',
    contactPerson: '王明',
    contactPhone: '0870-6123456',
  },
  referralLetter: {
    receiver: '示例县公安局',
    referralReason: '发现当事人储存的硝酸铵来源不明，部分无合法购买凭证，涉嫌非法买卖、储存爆炸物，可能涉嫌犯罪。',
    referralBasis: '《行政执法机关移送涉嫌犯罪案件的规定》第三条',
    attachments: '涉嫌犯罪案件移送书\n涉嫌犯罪案件调查报告\n涉案物品清单',
    contactPerson: '王明',
    contactPhone: '0870-6123456',
  },
  closingApproval: {
    closingReason: '处罚决定执行完毕',
    executionStatus: '当事人于2026年12月1日将罚款人民币50,000元缴至中国农业银行示例县支行，处罚决定已执行完毕。',
    undertakerOpinion: '处罚决定已执行完毕，建议结案。',
    headOpinion: '同意结案。',
  },
  archiveCover: {
    archiveNo: 'WS·2026-XZCF-012',
    retention: '30年',
    closedOn: '2026-12-03',
    archivedOn: '2026-12-10',
    itemCount: '14',
    pageCount: '56',
    archivist: '王明',
    checker: '孙伟',
  },
  archiveIndex: { archiveNo: 'WS·2026-XZCF-012', pages: '1-2\n3-4\n5-7\n8-12\n13\n14-15\n16-19' },
};

const DOCUMENTS: InstrumentContext['documents'] = [
  { title: '立案审批表', number: '示应急立〔2026〕15号', date: '2026-09-12' },
  { title: '现场检查笔录', number: '示应急检〔2026〕31号', date: '2026-09-12' },
  { title: '查封扣押决定书', number: '示应急扣〔2026〕3号', date: '2026-09-12' },
  { title: '询问笔录', number: '示应急询〔2026〕22号', date: '2026-09-13' },
  { title: '责令限期整改指令书', number: '示应急改〔2026〕7号', date: '2026-09-12' },
  { title: '整改复查意见书', number: '示应急复查〔2026〕7号', date: '2026-10-13' },
  { title: '案件调查终结报告', number: null, date: '2026-10-28' },
  { title: '行政处罚事先告知书', number: '示应急告〔2026〕9号', date: '2026-11-02' },
  { title: '陈述申辩笔录', number: '示应急申〔2026〕4号', date: '2026-11-05' },
  { title: '听证笔录', number: '示应急听录〔2026〕2号', date: '2026-11-16' },
  { title: '案件集体讨论记录', number: '示应急议〔2026〕6号', date: '2026-11-18' },
  { title: '行政处罚决定审批表', number: '示应急罚审〔2026〕12号', date: '2026-11-20' },
  { title: '行政处罚决定书', number: '示应急罚〔2026〕12号', date: '2026-11-23' },
  { title: '送达回证', number: '示应急送〔2026〕40号', date: '2026-11-23' },
];

export interface FixtureOptions {
  party?: 'organization' | 'person';
  /** null for a draft; default a number with the type's word. */
  number?: string | null;
  date?: string;
}

export function instrumentContext(type: InstrumentType, opts: FixtureOptions = {}): InstrumentContext {
  const summary = type === 'summaryDecision';
  const party = (opts.party ?? (summary ? 'person' : 'organization')) === 'person' ? PERSON : COMPANY;
  return {
    agency: {
      name: '示例县应急管理局',
      address: '云南省昆明市示例县人民路88号',
      phone: '0870-6123456',
      reconsiderationBody: '示例县人民政府',
      court: '示例县人民法院',
    },
    instrument: {
      type,
      number: opts.number === undefined ? `示应急${INSTRUMENT_CATALOG[type].numberWord}〔2026〕12号` : opts.number,
      date: opts.date ?? '2026-11-23',
      version: 1,
    },
    case: {
      caseNo: 'SYJ-2026-0012',
      title: summary ? '使用未经检验的气瓶充装销售液化石油气案' : '未按规定储存危险化学品案',
      procedure: summary ? 'penalty.summary' : 'penalty.general',
      field: 'emergency',
      source: 'inspection',
      place: summary ? '示例县城关镇文化路加油站东侧空地' : '示例县工业园区化工大道18号 一号库房',
      leadOn: '2026-09-12',
      violationOn: '2026-09-12',
      filedOn: '2026-09-12',
      facts: summary ? SUMMARY_FACTS : FACTS,
      violatedProvision: summary
        ? '《城镇燃气管理条例》第二十八条第（三）项'
        : '《危险化学品安全管理条例》第二十四条第一款、《中华人民共和国安全生产法》第三十九条第一款',
      penaltyBasis: summary
        ? '《城镇燃气管理条例》第四十九条第一款第（三）项'
        : '《危险化学品安全管理条例》第八十条第一款第（四）项',
      penalty: summary
        ? { kinds: ['warning', 'fine'], fineFen: 20_000, confiscationFen: 0, detail: '' }
        : { kinds: ['warning', 'fine'], fineFen: 5_000_000, confiscationFen: 0, detail: '' },
    },
    party,
    officers: [
      { name: '王明', credentialNo: '53012320190017' },
      { name: '赵丽', credentialNo: '53012320210042' },
    ],
    head: '刘强',
    evidence: [
      { name: '现场检查笔录', kind: '笔录', capturedOn: '2026-09-12', sm3: 'a3f1'.repeat(16) },
      { name: '询问笔录（王五）', kind: '笔录', capturedOn: '2026-09-13', sm3: 'b7c2'.repeat(16) },
      { name: '危险化学品出入库台账复印件', kind: '书证', capturedOn: '2026-09-13', sm3: 'c9d4'.repeat(16) },
      { name: '现场照片12张', kind: '视听资料', capturedOn: '2026-09-12', sm3: 'd2e8'.repeat(16) },
      { name: '营业执照复印件', kind: '书证', capturedOn: '2026-09-13', sm3: 'e5f0'.repeat(16) },
    ],
    documents: DOCUMENTS,
    fields: { ...FIELDS[type] },
  };
}
