import {
  type AvListEntry,
  defaultAvEntries,
  listProblems,
  type MatterEntry,
  PUBLIC_LIST_LABELS,
  type PublicListEntries,
  type PublicListKind,
  type ServiceGuideEntry,
  type SpotCheckEntry,
} from '@sanxiang/domain';
import type { Tx } from '../db/connection.js';
import { publicListVersions } from '../db/schema.js';
import { applyAvList } from '../modules/disclosure/publicLists.js';
import { type Actor, appendEntry } from '../modules/ledger/ledgerStore.js';

/**
 * The demo county's published 事前公开 lists: 示例县应急管理局 and 示例县农业农村局 each have a 权责清单, a
 * 随机抽查事项清单 and 服务指南 reviewed by their 法制机构. The 应急管理局's 权责清单 has an earlier version
 * (citing the 2014 text of the 安全生产法) kept as history. The matters cite real laws and articles; the
 * offices, hours and phone numbers are invented like the rest of the demo county.
 */
const DEMO_ACTOR: Actor = { userId: null, name: '系统（演示数据）' };

const SAFETY_LAW = '《中华人民共和国安全生产法》（2021年修正）';
const HAZCHEM = '《危险化学品安全管理条例》';

const yjjMatters: MatterEntry[] = [
  {
    code: 'YJ-CF-001',
    name: '对生产经营单位未按照规定对从业人员进行安全生产教育和培训的行政处罚',
    actionKind: 'penalty',
    basis: `${SAFETY_LAW}第九十七条第（三）项`,
    unit: '综合行政执法大队',
    target: '生产经营单位及其直接负责的主管人员和其他直接责任人员',
    timeLimit: '自立案之日起90日内作出决定（行政处罚法第六十条）',
    fees: '不收费',
    note: '',
  },
  {
    code: 'YJ-CF-002',
    name: '对生产经营单位未建立事故隐患排查治理制度的行政处罚',
    actionKind: 'penalty',
    basis: `${SAFETY_LAW}第一百零一条第（五）项`,
    unit: '综合行政执法大队',
    target: '生产经营单位',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'YJ-CF-003',
    name: '对生产经营单位主要负责人未履行安全生产管理职责的行政处罚',
    actionKind: 'penalty',
    basis: `${SAFETY_LAW}第九十四条、第九十五条`,
    unit: '综合行政执法大队',
    target: '生产经营单位的主要负责人',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'YJ-CF-004',
    name: '对未取得危险化学品经营许可证从事危险化学品经营的行政处罚',
    actionKind: 'penalty',
    basis: `${HAZCHEM}第七十七条第三款`,
    unit: '危险化学品监督管理股',
    target: '未经许可从事危险化学品经营的单位和个人',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'YJ-XK-001',
    name: '危险化学品经营许可（不带储存设施）',
    actionKind: 'license',
    basis: `${HAZCHEM}第三十三条、第三十五条；《危险化学品经营许可证管理办法》第三条`,
    unit: '危险化学品监督管理股',
    target: '在本县从事不带储存设施危险化学品经营的企业',
    timeLimit: '受理之日起20个工作日（行政许可法第四十二条）',
    fees: '不收费',
    note: '在示例县政务服务中心应急管理窗口受理',
  },
  {
    code: 'YJ-XK-002',
    name: '烟花爆竹经营（零售）许可',
    actionKind: 'license',
    basis: '《烟花爆竹安全管理条例》第三条、第十九条',
    unit: '安全生产基础股',
    target: '烟花爆竹零售经营者',
    timeLimit: '受理之日起20日内',
    fees: '不收费',
    note: '',
  },
  {
    code: 'YJ-QZ-001',
    name: '对不符合保障安全生产的国家标准或者行业标准的设施、设备、器材以及违法生产、储存、使用、经营的危险物品予以查封或者扣押',
    actionKind: 'coercion',
    basis: `${SAFETY_LAW}第六十五条第一款第（四）项；《中华人民共和国行政强制法》第二十五条`,
    unit: '综合行政执法大队',
    target: '生产经营单位',
    timeLimit: '查封、扣押期限不超过30日，情况复杂的经批准可延长不超过30日',
    fees: '不收费（查封、扣押的保管费用由行政机关承担）',
    note: '',
  },
  {
    code: 'YJ-JC-001',
    name: '对生产经营单位执行有关安全生产的法律、法规和国家标准或者行业标准情况的监督检查',
    actionKind: 'inspection',
    basis: `${SAFETY_LAW}第六十五条、第六十六条`,
    unit: '综合行政执法大队',
    target: '辖区内生产经营单位',
    timeLimit: '按年度监督检查计划实施',
    fees: '不收费',
    note: '按“双随机、一公开”方式实施的，见随机抽查事项清单',
  },
  {
    code: 'YJ-JL-001',
    name: '对报告重大事故隐患或者举报安全生产违法行为的有功人员给予奖励',
    actionKind: 'reward',
    basis: `${SAFETY_LAW}第七十六条；《安全生产领域举报奖励办法》第六条`,
    unit: '法规股',
    target: '举报人',
    timeLimit: '举报经核查属实之日起60日内',
    fees: '不收费',
    note: '',
  },
  {
    code: 'YJ-QT-001',
    name: '生产安全事故应急预案备案',
    actionKind: 'other',
    basis: '《生产安全事故应急预案管理办法》第二十六条',
    unit: '安全生产基础股',
    target: '辖区内生产经营单位',
    timeLimit: '材料齐全的，当场予以备案',
    fees: '不收费',
    note: '',
  },
];

/** Version 1: before the 2021 amendment of the 安全生产法 renumbered its penalty articles. */
const yjjMattersV1: MatterEntry[] = yjjMatters
  .filter((m) => ['YJ-CF-001', 'YJ-CF-003', 'YJ-XK-001', 'YJ-XK-002', 'YJ-QZ-001', 'YJ-JC-001'].includes(m.code))
  .map((m) =>
    m.code === 'YJ-CF-001'
      ? { ...m, basis: '《中华人民共和国安全生产法》（2014年修正）第九十四条第（三）项' }
      : m.code === 'YJ-CF-003'
        ? { ...m, basis: '《中华人民共和国安全生产法》（2014年修正）第九十一条、第九十二条' }
        : m,
  );

const yjjSpotChecks: SpotCheckEntry[] = [
  {
    code: 'YJ-CC-01',
    name: '危险化学品经营单位安全生产监督检查',
    subject: '示例县应急管理局',
    basis: `${HAZCHEM}第六条；${SAFETY_LAW}第六十五条`,
    object: '辖区内取得危险化学品经营许可证的企业',
    content: '安全管理制度和操作规程、主要负责人和安全管理人员培训考核、经营场所及储存设施、经营许可证有效性、购销台账',
    ratio: '不低于10%',
    method: '现场检查、书面检查',
    frequency: '每年不少于1次',
  },
  {
    code: 'YJ-CC-02',
    name: '烟花爆竹零售经营单位安全检查',
    subject: '示例县应急管理局',
    basis: '《烟花爆竹安全管理条例》第四条、第三十九条',
    object: '辖区内烟花爆竹零售经营网点',
    content: '零售许可证、限量存放、防火措施、安全警示标志、超范围经营',
    ratio: '不低于20%',
    method: '现场检查',
    frequency: '春节前集中检查1次',
  },
  {
    code: 'YJ-CC-03',
    name: '工贸企业粉尘防爆安全检查',
    subject: '示例县应急管理局',
    basis: `${SAFETY_LAW}第六十五条；《工贸企业粉尘防爆安全规定》`,
    object: '辖区内存在可燃性粉尘作业的工贸企业',
    content: '粉尘防爆安全管理制度、除尘系统、防火防爆措施、粉尘清扫记录',
    ratio: '不低于5%',
    method: '现场检查',
    frequency: '每年1次',
  },
  {
    code: 'YJ-CC-04',
    name: '生产经营单位安全生产教育培训情况检查',
    subject: '示例县应急管理局',
    basis: `${SAFETY_LAW}第二十八条、第六十五条`,
    object: '辖区内生产经营单位',
    content: '安全生产教育和培训档案、特种作业人员持证上岗、新员工三级安全教育',
    ratio: '不低于3%',
    method: '书面检查、现场抽问',
    frequency: '每年1次',
  },
];

const COMMON_RELIEF =
  '对许可决定不服的，可以自收到决定之日起60日内向示例县人民政府申请行政复议，或者自收到决定之日起6个月内向示例县人民法院提起行政诉讼。';

const yjjGuides: ServiceGuideEntry[] = [
  {
    code: 'YJ-ZN-01',
    name: '危险化学品经营许可证核发（不带储存设施）',
    basis: `${HAZCHEM}第三十三条、第三十四条、第三十五条；《危险化学品经营许可证管理办法》`,
    receivingBody: '示例县政务服务中心应急管理窗口',
    approvingBody: '示例县应急管理局',
    conditions:
      '有符合国家标准、行业标准的经营场所；从业人员经过专业技术培训并经考核合格；有健全的安全管理规章制度；有专职安全管理人员；有符合国家规定的危险化学品事故应急预案和必要的应急救援器材、设备。',
    materials:
      '危险化学品经营许可证申请书\n经营场所产权证明或者租赁合同\n主要负责人、安全管理人员安全生产知识和管理能力考核合格证明\n安全生产规章制度和岗位操作规程目录\n生产安全事故应急预案',
    procedure:
      '申请：申请人向政务服务中心应急管理窗口提交材料\n受理：材料齐全、符合法定形式的当场受理；不齐全的一次性告知需补正的全部内容\n审查：对申请材料进行审查，必要时进行现场核查\n决定：作出准予或者不予许可的书面决定\n送达：准予许可的，10个工作日内颁发许可证',
    timeLimit: '受理之日起20个工作日',
    fees: '不收费',
    supervision: '示例县应急管理局法规股，电话 0870-6123512；示例县司法局，电话 0870-6123400',
    relief: COMMON_RELIEF,
    officeHours: '工作日上午 9:00—12:00，下午 14:30—17:30（法定节假日除外）',
    address: '示例县城关镇人民路22号政务服务中心二楼应急管理窗口',
    phone: '0870-6123501',
  },
  {
    code: 'YJ-ZN-02',
    name: '烟花爆竹经营（零售）许可证核发',
    basis: '《烟花爆竹安全管理条例》第十九条、第二十一条；《烟花爆竹经营许可实施办法》',
    receivingBody: '示例县政务服务中心应急管理窗口',
    approvingBody: '示例县应急管理局',
    conditions:
      '符合所在地县级人民政府安全生产监督管理部门的零售经营布点规划；主要负责人经过安全培训合格；零售场所面积和防火措施符合规定。',
    materials:
      '烟花爆竹经营（零售）许可证申请书\n零售场所产权证明或者租赁合同\n主要负责人安全培训合格证明\n零售场所平面示意图',
    procedure: '申请\n受理\n现场核查\n决定\n发证',
    timeLimit: '受理之日起20日',
    fees: '不收费',
    supervision: '示例县应急管理局法规股，电话 0870-6123512',
    relief: COMMON_RELIEF,
    officeHours: '工作日上午 9:00—12:00，下午 14:30—17:30',
    address: '示例县城关镇人民路22号政务服务中心二楼应急管理窗口',
    phone: '0870-6123501',
  },
];

const PESTICIDE = '《农药管理条例》';
const SEED_LAW = '《中华人民共和国种子法》（2021年修正）';

const nyncjMatters: MatterEntry[] = [
  {
    code: 'NY-CF-001',
    name: '对未取得农药经营许可证经营农药或者经营假农药的行政处罚',
    actionKind: 'penalty',
    basis: `${PESTICIDE}第五十五条第一款第（一）项、第（二）项`,
    unit: '农业综合行政执法大队',
    target: '农药经营者',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-CF-002',
    name: '对经营劣质农药的行政处罚',
    actionKind: 'penalty',
    basis: `${PESTICIDE}第五十六条`,
    unit: '农业综合行政执法大队',
    target: '农药经营者',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-CF-003',
    name: '对生产经营假种子的行政处罚',
    actionKind: 'penalty',
    basis: `${SEED_LAW}第七十四条`,
    unit: '农业综合行政执法大队',
    target: '种子生产经营者',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-CF-004',
    name: '对生产经营劣种子的行政处罚',
    actionKind: 'penalty',
    basis: `${SEED_LAW}第七十五条`,
    unit: '农业综合行政执法大队',
    target: '种子生产经营者',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-CF-005',
    name: '对农药使用者违反规定使用农药的行政处罚',
    actionKind: 'penalty',
    basis: `${PESTICIDE}第六十条`,
    unit: '农业综合行政执法大队',
    target: '农药使用者',
    timeLimit: '自立案之日起90日内作出决定',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-XK-001',
    name: '农药经营许可',
    actionKind: 'license',
    basis: `${PESTICIDE}第二十四条、第二十五条；《农药经营许可管理办法》第二条`,
    unit: '种植业股',
    target: '在本县从事农药经营的单位和个人（限制使用农药除外）',
    timeLimit: '受理之日起20个工作日',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-XK-002',
    name: '农作物种子生产经营许可',
    actionKind: 'license',
    basis: `${SEED_LAW}第三十一条、第三十二条`,
    unit: '种植业股',
    target: '从事农作物种子生产经营的单位',
    timeLimit: '受理之日起20个工作日',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-QZ-001',
    name: '查封、扣押违法生产、经营、使用的农药以及用于违法生产、经营、使用农药的工具、设备、原材料等',
    actionKind: 'coercion',
    basis: `${PESTICIDE}第四十一条第一款第（五）项；《中华人民共和国行政强制法》第二十五条`,
    unit: '农业综合行政执法大队',
    target: '农药生产者、经营者、使用者',
    timeLimit: '查封、扣押期限不超过30日，情况复杂的经批准可延长不超过30日',
    fees: '不收费',
    note: '',
  },
  {
    code: 'NY-JC-001',
    name: '对种子生产经营活动的监督检查',
    actionKind: 'inspection',
    basis: `${SEED_LAW}第五十条`,
    unit: '农业综合行政执法大队',
    target: '辖区内种子生产经营者',
    timeLimit: '按年度监督检查计划实施',
    fees: '不收费',
    note: '',
  },
];

const nyncjSpotChecks: SpotCheckEntry[] = [
  {
    code: 'NY-CC-01',
    name: '农药经营单位监督检查',
    subject: '示例县农业农村局',
    basis: `${PESTICIDE}第四十一条`,
    object: '辖区内农药经营单位',
    content: '农药经营许可证、进货查验和销售台账、农药标签、限制使用农药定点经营',
    ratio: '不低于5%',
    method: '现场检查、抽样检测',
    frequency: '每年1次',
  },
  {
    code: 'NY-CC-02',
    name: '农作物种子质量监督抽查',
    subject: '示例县农业农村局',
    basis: `${SEED_LAW}第五十条、第四十七条`,
    object: '辖区内种子生产经营者',
    content: '种子标签和使用说明、生产经营档案、种子质量',
    ratio: '不低于5%',
    method: '现场检查、抽样检验',
    frequency: '春播、秋播期间各1次',
  },
  {
    code: 'NY-CC-03',
    name: '兽药经营企业监督检查',
    subject: '示例县农业农村局',
    basis: '《兽药管理条例》第四十五条',
    object: '辖区内兽药经营企业',
    content: '兽药经营许可证、兽药GSP执行情况、购销记录、兽药标签和说明书',
    ratio: '不低于5%',
    method: '现场检查',
    frequency: '每年1次',
  },
  {
    code: 'NY-CC-04',
    name: '饲料和饲料添加剂经营监督检查',
    subject: '示例县农业农村局',
    basis: '《饲料和饲料添加剂管理条例》第三十四条',
    object: '辖区内饲料经营者',
    content: '进货查验记录、产品标签、经营场所和储存条件',
    ratio: '不低于3%',
    method: '现场检查',
    frequency: '每年1次',
  },
];

const nyncjGuides: ServiceGuideEntry[] = [
  {
    code: 'NY-ZN-01',
    name: '农药经营许可证核发',
    basis: `${PESTICIDE}第二十四条、第二十五条；《农药经营许可管理办法》`,
    receivingBody: '示例县政务服务中心农业农村窗口',
    approvingBody: '示例县农业农村局',
    conditions:
      '有具备农药和病虫害防治专业知识、熟悉农药管理规定、能够指导安全合理使用农药的经营人员；有与其他商品以及饮用水水源、生活区域等有效隔离的经营场所和仓储场所；有与所经营农药相适应的防护设施；有农药采购、销售、安全管理等制度和岗位操作规程。',
    materials:
      '农药经营许可证申请表\n营业执照复印件\n经营人员专业知识证明\n经营场所和仓储场所证明材料\n安全管理制度和岗位操作规程',
    procedure: '申请\n受理（材料不全的一次性告知）\n审查和现场核查\n决定\n发证',
    timeLimit: '受理之日起20个工作日',
    fees: '不收费',
    supervision: '示例县农业农村局法规股，电话 0870-6123912；示例县司法局，电话 0870-6123400',
    relief: COMMON_RELIEF,
    officeHours: '工作日上午 9:00—12:00，下午 14:30—17:30',
    address: '示例县城关镇人民路22号政务服务中心一楼农业农村窗口',
    phone: '0870-6123901',
  },
  {
    code: 'NY-ZN-02',
    name: '农作物种子生产经营许可证核发',
    basis: `${SEED_LAW}第三十一条至第三十四条；《农作物种子生产经营许可管理办法》`,
    receivingBody: '示例县政务服务中心农业农村窗口',
    approvingBody: '示例县农业农村局',
    conditions: '具有与种子生产经营相适应的生产经营设施、设备及专业技术人员；法律、法规规定的其他条件。',
    materials: '农作物种子生产经营许可证申请表\n营业执照复印件\n种子加工、包装、检验设施设备清单\n种子检验人员资格证明',
    procedure: '申请\n受理\n审查和现场检查\n决定\n发证',
    timeLimit: '受理之日起20个工作日',
    fees: '不收费',
    supervision: '示例县农业农村局法规股，电话 0870-6123912',
    relief: COMMON_RELIEF,
    officeHours: '工作日上午 9:00—12:00，下午 14:30—17:30',
    address: '示例县城关镇人民路22号政务服务中心一楼农业农村窗口',
    phone: '0870-6123901',
  },
];

/**
 * 音像记录事项清单 of the 应急管理局: the workflow definitions' own requirements (defaultAvEntries), each with
 * how the bureau records it. Published, it is what G-6 enforces (applyAvList), as any agency's would be.
 */
const AV_NOTES: Record<string, string> = {
  'penalty.general:inspect': '发现重大事故隐患、当事人拒绝检查或现场情况复杂时，使用执法记录仪录像',
  'penalty.general:inquire': '当事人对违法事实有重大争议的，对询问过程同步录音录像',
  'penalty.general:preserveEvidence': '先行登记保存全过程录像，并拍摄被保存物品的数量、状态和封存情况',
  'penalty.general:holdHearing': '听证会全程录音录像，音像资料随听证笔录归档',
  'penalty.summary:decideOnSpot': '当场作出处罚决定的，自出示执法证件至送达决定书全程使用执法记录仪',
  'coercion.seizure:seize': '查封、扣押全过程录音录像，拍摄查封场所、扣押物品和封条',
  'coercion.seizure:emergencySeize': '情况紧急当场实施的，全程录像，并在二十四小时内向负责人报告、补办批准手续',
  'inspection:inspect': '检查生产经营单位重点部位时，根据现场情况拍照或录像',
  'inspection:reviewRectification': '对整改情况拍照或录像，与责令限期整改指令书一并归档',
};
const yjjAvList: AvListEntry[] = defaultAvEntries().map((e) => ({ ...e, note: AV_NOTES[e.code] ?? '' }));

interface DemoVersion<K extends PublicListKind = PublicListKind> {
  kind: K;
  entries: PublicListEntries[K][];
  reason: string;
  /** Days before today it was published. */
  daysAgo: number;
}

const LISTS: Record<string, DemoVersion[]> = {
  yjj: [
    { kind: 'matters', entries: yjjMattersV1, reason: '首次编制行政执法事项清单', daysAgo: 900 },
    {
      kind: 'matters',
      entries: yjjMatters,
      reason: '《中华人民共和国安全生产法》2021年6月10日修正，调整相关事项的实施依据；增加举报奖励、应急预案备案等事项',
      daysAgo: 120,
    },
    { kind: 'spotChecks', entries: yjjSpotChecks, reason: '编制年度随机抽查事项清单', daysAgo: 100 },
    { kind: 'serviceGuides', entries: yjjGuides, reason: '编制行政许可服务指南', daysAgo: 100 },
    { kind: 'avList', entries: yjjAvList, reason: '编制音像记录事项清单，明确全程音像记录的执法环节', daysAgo: 90 },
  ],
  nyncj: [
    { kind: 'matters', entries: nyncjMatters, reason: '首次编制行政执法事项清单', daysAgo: 200 },
    { kind: 'spotChecks', entries: nyncjSpotChecks, reason: '编制年度随机抽查事项清单', daysAgo: 150 },
    { kind: 'serviceGuides', entries: nyncjGuides, reason: '编制行政许可服务指南', daysAgo: 150 },
  ],
};

/** Writes the published lists of the demo agencies (keys as in demoData.ts), each with its ledger entry. */
export async function seedDemoPublicLists(tx: Tx, agencyIds: Map<string, number>): Promise<void> {
  for (const [key, versions] of Object.entries(LISTS)) {
    const agencyId = agencyIds.get(key);
    if (agencyId === undefined) continue;
    const numbers = new Map<PublicListKind, number>();
    const planned = versions.map((v, i) => {
      const problems = listProblems(v.kind, v.entries);
      if (problems.length > 0) throw new Error(`demo list ${key}/${v.kind}: ${problems.join('; ')}`);
      const version = (numbers.get(v.kind) ?? 0) + 1;
      numbers.set(v.kind, version);
      // A later version of the same kind supersedes this one.
      const later = versions.slice(i + 1).some((w) => w.kind === v.kind);
      return { ...v, version, status: later ? 'superseded' : 'published' };
    });
    for (const v of planned) {
      const at = new Date(Date.now() - v.daysAgo * 86_400_000);
      const [row] = await tx
        .insert(publicListVersions)
        .values({
          agencyId,
          kind: v.kind,
          version: v.version,
          entries: v.entries,
          reason: v.reason,
          status: v.status,
          createdAt: at,
          updatedAt: at,
          submittedAt: at,
          reviewedAt: at,
          reviewOpinion: '同意公示',
          publishedAt: at,
        })
        .returning();
      if (!row) throw new Error('demo list not inserted');
      if (v.kind === 'avList' && v.status === 'published') await applyAvList(tx, agencyId, v.entries as AvListEntry[]);
      await appendEntry(tx, {
        actor: DEMO_ACTOR,
        agencyId,
        subjectType: 'agency',
        subjectId: agencyId,
        action: 'publicList.publish',
        payload: {
          list: PUBLIC_LIST_LABELS[v.kind],
          kind: v.kind,
          id: row.id,
          version: v.version,
          status: v.status,
          reason: v.reason,
          opinion: '同意公示（演示数据）',
          entries: v.entries,
        },
      });
    }
  }
}
