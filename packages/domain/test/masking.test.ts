import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressCountyPart,
  containsPersonalData,
  DEFAULT_MASKING_RULE_SET,
  describeMaskingRules,
  isValidResidentId,
  isValidUscc,
  MASKING_RULES,
  maskAddress,
  maskParty,
  maskPersonName,
  maskText,
  mergePersonalData,
  type Party,
  type PersonalData,
  personalDataOf,
  residentIdCheckDigit,
  usccCheckCharacter,
} from '../src/index.js';

// Real-looking data: valid check characters, real region codes (532328 元谋县, 530102 昆明市五华区).
const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);
/** A valid resident ID of a woman (even 17th digit) whose check digit is X. */
function residentIdEndingInX(first14: string): string {
  for (let seq = 0; seq < 1000; seq += 2) {
    const body = first14 + String(seq).padStart(3, '0');
    if (residentIdCheckDigit(body) === 'X') return `${body}X`;
  }
  throw new Error('no such ID');
}
/** An 18-digit number that passes both the resident ID and the credit code check. */
function dualValidNumber(first14: string): string {
  for (let seq = 0; seq < 1000; seq++) {
    const body = first14 + String(seq).padStart(3, '0');
    const c = residentIdCheckDigit(body);
    if (c !== 'X' && usccCheckCharacter(body) === c) return body + c;
  }
  throw new Error('no such number');
}
const uscc = (first17: string) => first17 + usccCheckCharacter(first17);

const ZHANG_ID = residentId('53232819850312041');
const LI_ID = residentIdEndingInX('53010219900715');
const OLD_ID = '532328850312041'; // 15 digits: 532328, 1985-03-12, 041
const DUAL = dualValidNumber('53232819850312');
const ORG_USCC = uscc('91532328MA6N12345');
const DIGIT_USCC = '911100007109288314'; // a registered organisation's, all digits
const ZHANG_ADDRESS = '云南省示例县城关镇人民路12号3栋2单元501室';

describe('G-3 test data', () => {
  it('G-3 uses numbers with valid check characters', () => {
    for (const id of [ZHANG_ID, LI_ID, DUAL]) assert.ok(isValidResidentId(id), id);
    assert.ok(LI_ID.endsWith('X'));
    for (const code of [ORG_USCC, DIGIT_USCC, DUAL]) assert.ok(isValidUscc(code), code);
  });
});

describe('G-3 maskPersonName', () => {
  const table: [string, string][] = [
    ['张三', '张某'],
    ['张三丰', '张某某'],
    ['王小二', '王某某'],
    ['陈李秀英', '陈某某'],
    ['张', '张某'],
    ['欧阳娜娜', '欧阳某某'],
    ['欧阳修', '欧阳某'],
    ['诸葛亮', '诸葛某'],
    ['司马相如', '司马某某'],
    ['上官婉儿', '上官某某'],
    ['慕容复', '慕容某'],
    ['万俟咏', '万俟某'],
    ['欧阳', '欧某'],
    ['  张三丰 ', '张某某'],
    ['\u3000李四\u3000', '李某'],
    ['张 三丰', '张某某'],
    ['阿卜杜热西提·买买提', '阿某某'],
    ['爱新觉罗・启星', '爱某某'],
    ['迪丽热巴•迪力木拉提', '迪某某'],
    ['买买提‧艾力', '买某某'],
    ['古丽娜扎･阿不都', '古某某'],
    ['努尔麦麦提．吐尔逊', '努某某'],
    ['John Smith', 'J**'],
    ['ahmed khan', 'A**'],
    ['', ''],
    ['   ', ''],
  ];
  for (const [name, masked] of table) {
    it(`G-3 ${JSON.stringify(name)} → ${JSON.stringify(masked)}`, () => {
      assert.equal(maskPersonName(name), masked);
      assert.equal(maskPersonName(maskPersonName(name)), masked, 'masking a masked name changes nothing');
    });
  }

  it('G-3 other name styles a region may choose', () => {
    assert.equal(maskPersonName('张三丰', 'surnameMou'), '张某');
    assert.equal(maskPersonName('欧阳娜娜', 'surnameMou'), '欧阳某');
    assert.equal(maskPersonName('阿卜杜热西提·买买提', 'surnameMou'), '阿某');
    assert.equal(maskPersonName('张三', 'surnameMouMou'), '张某某');
    assert.equal(maskPersonName('诸葛亮', 'surnameMouMou'), '诸葛某某');
    assert.equal(maskPersonName('John Smith', 'surnameMouMou'), 'J**');
  });
});

describe('G-3 addresses down to the county level', () => {
  const table: [string, string][] = [
    [ZHANG_ADDRESS, '云南省示例县'],
    ['云南省楚雄彝族自治州元谋县元马镇龙川街5号', '云南省楚雄彝族自治州元谋县'],
    ['云南省楚雄州元谋县元马镇', '云南省楚雄州元谋县'],
    ['云南省迪庆藏族自治州香格里拉市建塘镇', '云南省迪庆藏族自治州香格里拉市'],
    ['湖北省黄石市黄石港区江北路3号', '湖北省黄石市黄石港区'],
    ['北京市海淀区中关村大街1号', '北京市海淀区'],
    ['广东省东莞市南城街道莞太路1号', '广东省东莞市'],
    ['内蒙古自治区锡林郭勒盟锡林浩特市', '内蒙古自治区锡林郭勒盟锡林浩特市'],
    ['江苏省镇江市京口区', '江苏省镇江市京口区'],
    ['山东省济南市市中区', '山东省济南市市中区'],
    ['河南省南阳市社旗县', '河南省南阳市社旗县'],
    ['示例县城关镇小河村三组', '示例县'],
    ['城关镇新区路5号', ''],
    ['人民路12号', ''],
  ];
  for (const [address, county] of table) {
    it(`G-3 ${address} → ${county || '（无）'}`, () => assert.equal(addressCountyPart(address), county));
  }

  it('G-3 maskAddress hides what follows the county part', () => {
    assert.equal(maskAddress(ZHANG_ADDRESS), '云南省示例县***');
    assert.equal(maskAddress('人民路12号'), '***');
    assert.equal(maskAddress('云南省示例县'), '云南省示例县', 'nothing to hide');
    assert.equal(maskAddress(maskAddress(ZHANG_ADDRESS)), '云南省示例县***');
  });
});

interface Row {
  title: string;
  text: string;
  data?: PersonalData;
  expected: string;
}

const ROWS: Row[] = [
  {
    title: 'a penalty decision summary: name, ID, address after 住, spaced mobile, witness',
    text: `当事人张三丰（身份证号${ZHANG_ID}，住示例县城关镇人民路12号，电话138 0871 2345）于2026年3月5日在其经营的示例县城关镇人民路15号门面内违规储存烟花爆竹，证人李小红在场。`,
    data: { personNames: ['张三丰', '李小红'], addresses: [ZHANG_ADDRESS] },
    expected:
      '当事人张某某（身份证号***，住示例县***，电话***）于2026年3月5日在其经营的示例县城关镇人民路15号门面内违规储存烟花爆竹，证人李某某在场。',
  },
  {
    title: 'a decision header: ID ending in X, 住址 not listed, +86 mobile with dashes',
    text: `当事人：李秀英，女，汉族，1990年7月15日出生，公民身份号码：${LI_ID}，住址：云南省楚雄彝族自治州元谋县元马镇龙川街5号2单元301室，联系电话：+86 139-8765-4321。`,
    data: { personNames: ['李秀英'] },
    expected:
      '当事人：李某某，女，汉族，1990年7月15日出生，公民身份号码：***，住址：云南省楚雄彝族自治州元谋县***，联系电话：***。',
  },
  {
    title: 'a lower-case x and an old 15-digit ID, two-character name',
    text: `当事人王芳（身份证号${LI_ID.toLowerCase()}，原身份证号${OLD_ID}）未取得许可从事经营。`,
    data: { personNames: ['王芳'] },
    expected: '当事人王某（身份证号***，原身份证号***）未取得许可从事经营。',
  },
  {
    title: 'a known address without an address word, cut after the building',
    text: '执法人员在其位于城关镇人民路12号3栋的住处查获烟花爆竹20箱。',
    data: { addresses: [ZHANG_ADDRESS] },
    expected: '执法人员在其位于***的住处查获烟花爆竹20箱。',
  },
  {
    title: 'the whole known address after 住址',
    text: `住址：${ZHANG_ADDRESS}。`,
    data: { addresses: [ZHANG_ADDRESS] },
    expected: '住址：云南省示例县***。',
  },
  {
    title: 'addresses after 家住, 现住 and 户籍地, not listed',
    text: '当事人家住示例县城关镇小河村三组，现住昆明市五华区青年路100号1栋502室，户籍地北京市海淀区中关村大街1号。',
    expected: '当事人家住示例县***，现住昆明市五华区***，户籍地北京市海淀区***。',
  },
  {
    title: 'a witness named only by the given name later',
    text: '证人李小红陈述：当晚小红看见当事人搬运货物。',
    data: { personNames: ['李小红'] },
    expected: '证人李某某陈述：当晚某某看见当事人搬运货物。',
  },
  {
    title: 'two listed names, one the beginning of the other',
    text: '张三丰与张三系父子关系。',
    data: { personNames: ['张三', '张三丰'] },
    expected: '张某某与张某系父子关系。',
  },
  {
    title: 'a compound surname and a minority name written with another dot',
    text: '当事人欧阳娜娜与阿卜杜热西提・买买提共同经营，买买提当场承认违法事实。',
    data: { personNames: ['欧阳娜娜', '阿卜杜热西提·买买提'] },
    expected: '当事人欧阳某某与阿某某共同经营，某某当场承认违法事实。',
  },
  {
    title: 'a foreign party: Latin name, passport number, e-mail',
    text: '外籍当事人John Smith（护照号码：E12345678，电子邮箱john.smith@example.com）从事无证经营，Smith当场承认。',
    data: { personNames: ['John Smith'] },
    expected: '外籍当事人J**（护照号码：***，电子邮箱***）从事无证经营，S**当场承认。',
  },
  {
    title: 'mobile numbers in several spellings',
    text: '联系电话13808712345、138-0871-2345、138 0871 2345、+86 13808712345、(+86)138 0871 2345、0086-13808712345、１３８０８７１２３４５。',
    expected: '联系电话***、***、***、***、***、***、***。',
  },
  {
    title: 'landlines with area code, brackets, extension, and a local number after 电话',
    text: '家中座机0871-63123456，另有（0878）8123456、0871 63123457转8001，电话：6312345。',
    expected: '家中座机***，另有***、***，电话：***。',
  },
  {
    title: 'bank card and account numbers, also an organisation’s',
    text: '当事人银行卡号6222021234567890123，另一卡号6217 0012 3456 7890；开户行：中国农业银行示例县支行，账号：2412 0101 0400 12345。',
    expected: '当事人银行卡号***，另一卡号***；开户行：中国农业银行示例县支行，账号：***。',
  },
  {
    title: 'QQ and 微信',
    text: '当事人通过微信号zhangsf_1985、QQ号：123456789联系买家。',
    expected: '当事人通过微信号***、QQ号：***联系买家。',
  },
  {
    title: 'known ID and phone in spellings no pattern expects',
    text: '其提供的号码为5323 2819 8503 1204 13，另留有0871—6312—3456。',
    data: { ids: [ZHANG_ID], phones: ['0871-63123456'] },
    expected: '其提供的号码为***，另留有***。',
  },
  {
    title: 'an organisation: name, credit code, 法定代表人 and 住所 are kept',
    text: `当事人示例商贸有限公司（统一社会信用代码：${ORG_USCC}，法定代表人：王建国，住所：示例县城关镇人民路8号）未按规定建立安全生产责任制。`,
    expected: `当事人示例商贸有限公司（统一社会信用代码：${ORG_USCC}，法定代表人：王建国，住所：示例县城关镇人民路8号）未按规定建立安全生产责任制。`,
  },
  {
    title: 'an all-digit credit code and an old 注册号 are not taken for IDs or accounts',
    text: `统一社会信用代码${DIGIT_USCC}，原注册号：530000000012345。`,
    expected: `统一社会信用代码${DIGIT_USCC}，原注册号：530000000012345。`,
  },
  {
    title: 'a number valid both ways: a credit code after 信用代码, a resident ID otherwise',
    text: `统一社会信用代码：${DUAL}；证人身份证号${DUAL}。`,
    expected: `统一社会信用代码：${DUAL}；证人身份证号***。`,
  },
  {
    title: 'a given name inside a kept organisation name stays',
    text: '证人刘德华系德华商贸有限公司员工，德华称其未见当事人。',
    data: { personNames: ['刘德华'], keepNames: ['德华商贸有限公司'] },
    expected: '证人刘某某系德华商贸有限公司员工，某某称其未见当事人。',
  },
  {
    title: 'numbers that are not personal data stay: instrument no., dates, money, officers’ credentials',
    text:
      '元谋县应急管理局元应急罚〔2026〕12号：当事人于2026年3月5日14时30分违反《中华人民共和国安全生产法》第九十七条，' +
      '决定罚款人民币20000元，没收违法所得3500.50元，缴至指定账户。执法人员证件号：53232800124，监督电话12345，案件编号2026-0312-0001。',
    expected:
      '元谋县应急管理局元应急罚〔2026〕12号：当事人于2026年3月5日14时30分违反《中华人民共和国安全生产法》第九十七条，' +
      '决定罚款人民币20000元，没收违法所得3500.50元，缴至指定账户。执法人员证件号：53232800124，监督电话12345，案件编号2026-0312-0001。',
  },
  {
    title: 'agencies and ordinary words with 住 are not addresses',
    text: '案件移送示例县住房和城乡建设局，住建部门已复函；当事人因病住院，住院期间停业，住宅楼3栋未受影响。',
    expected: '案件移送示例县住房和城乡建设局，住建部门已复函；当事人因病住院，住院期间停业，住宅楼3栋未受影响。',
  },
];

describe('G-3 maskText', () => {
  for (const row of ROWS) {
    it(`G-3 ${row.title}`, () => assert.equal(maskText(row.text, row.data), row.expected));
  }
});

describe('G-3 leak detector', () => {
  for (const row of ROWS) {
    it(`G-3 nothing leaks, and masking again changes nothing: ${row.title}`, () => {
      const masked = maskText(row.text, row.data);
      assert.deepEqual(containsPersonalData(masked, row.data), []);
      assert.equal(maskText(masked, row.data), masked);
      if (row.expected !== row.text) {
        assert.notDeepEqual(containsPersonalData(row.text, row.data), [], 'the unmasked text is reported');
      }
    });
  }

  it('G-3 reports what leaked from an API response', () => {
    const body = JSON.stringify({
      party: { name: '张三丰', idNumber: ZHANG_ID, phone: '138-0871-2345' },
      witness: '李小红',
    });
    const data = { personNames: ['张三丰', '李小红'], ids: [ZHANG_ID], phones: ['13808712345'] };
    assert.deepEqual(containsPersonalData(body, data), [
      '姓名：张三丰',
      '姓名：李小红',
      '姓名：三丰',
      '姓名：小红',
      `身份证号：${ZHANG_ID}`,
      '电话：13808712345',
      '电话：138-0871-2345',
    ]);
  });

  it('G-3 finds known numbers however they are spaced', () => {
    const data = { ids: [ZHANG_ID], phones: ['+86 138 0871 2345'] };
    assert.deepEqual(containsPersonalData('号码 1 3 8 0 8 7 1 2 3 4 5', data), ['电话：+86 138 0871 2345']);
    assert.deepEqual(containsPersonalData(`证号${ZHANG_ID.slice(0, 6)} ${ZHANG_ID.slice(6)}`, data), [
      `身份证号：${ZHANG_ID}`,
    ]);
  });

  it('G-3 does not report masked data, organisations or agencies', () => {
    const text = `张某某（身份证号***，住示例县***）；示例商贸有限公司，统一社会信用代码${ORG_USCC}，法定代表人王建国；示例县应急管理局。`;
    assert.deepEqual(containsPersonalData(text, { personNames: ['张三丰'], ids: [ZHANG_ID] }), []);
  });
});

describe('G-3 maskParty', () => {
  const person: Party = {
    type: 'person',
    name: '张三丰',
    idNumber: ZHANG_ID,
    address: ZHANG_ADDRESS,
    phone: '13808712345',
    legalRepresentative: '',
  };
  const organisation: Party = {
    type: 'organization',
    name: '示例商贸有限公司',
    idNumber: ORG_USCC,
    address: '云南省示例县城关镇人民路8号',
    phone: '0878-8123456',
    legalRepresentative: '王建国',
  };

  it('G-3 a natural person: masked name, no ID, no phone, county-level address', () => {
    assert.deepEqual(maskParty(person), {
      type: 'person',
      name: '张某某',
      idNumber: '',
      address: '云南省示例县',
      phone: '',
      legalRepresentative: '',
    });
  });

  it('G-3 an organisation: name, credit code, 住所 and 法定代表人 kept, phone hidden', () => {
    assert.deepEqual(maskParty(organisation), { ...organisation, phone: '' });
    const strict = { ...DEFAULT_MASKING_RULE_SET, keepLegalRepresentative: false };
    assert.equal(maskParty(organisation, strict).legalRepresentative, '王某某');
  });

  it('G-3 the masked party leaks nothing', () => {
    for (const party of [person, organisation]) {
      const data = personalDataOf(party);
      assert.deepEqual(containsPersonalData(JSON.stringify(maskParty(party)), data), [], party.name);
    }
  });

  it('G-3 a decision text masked with the party’s data and a witness', () => {
    const data = mergePersonalData(personalDataOf(person), { personNames: ['李小红'] });
    const text = `当事人张三丰（${ZHANG_ID}）在${ZHANG_ADDRESS}家中储存烟花爆竹，证人李小红（电话13987654321）举报。`;
    const masked = maskText(text, data);
    assert.equal(masked, '当事人张某某（***）在云南省示例县***家中储存烟花爆竹，证人李某某（电话***）举报。');
    assert.deepEqual(containsPersonalData(masked, data), []);
  });

  it('G-3 an organisation’s text keeps its name, code and representative', () => {
    const data = personalDataOf(organisation);
    const text = `当事人示例商贸有限公司（${ORG_USCC}），法定代表人王建国，联系电话0878-8123456。`;
    assert.equal(maskText(text, data), `当事人示例商贸有限公司（${ORG_USCC}），法定代表人王建国，联系电话***。`);
  });
});

describe('G-3 rule sets', () => {
  const text = `当事人张三丰（身份证号${ZHANG_ID}，住示例县城关镇人民路12号，电话13808712345，邮箱zsf@example.com）`;
  const data = { personNames: ['张三丰'] };

  it('G-3 each kind of data can be left unmasked by a region', () => {
    const rules = DEFAULT_MASKING_RULE_SET;
    assert.equal(
      maskText(text, data, { ...rules, maskPhones: false }),
      '当事人张某某（身份证号***，住示例县***，电话13808712345，邮箱***）',
    );
    assert.equal(
      maskText(text, data, { ...rules, maskIds: false, maskAddresses: false }),
      `当事人张某某（身份证号${ZHANG_ID}，住示例县城关镇人民路12号，电话***，邮箱***）`,
    );
    assert.equal(
      maskText(text, data, { ...rules, maskPersonNames: false, maskEmails: false }),
      '当事人张三丰（身份证号***，住示例县***，电话***，邮箱zsf@example.com）',
    );
    assert.equal(
      maskText('卡号6222021234567890123', {}, { ...rules, maskBankAccounts: false }),
      '卡号6222021234567890123',
    );
  });

  it('G-3 the name style applies in text', () => {
    assert.equal(
      maskText(
        '张三丰、张三',
        { personNames: ['张三丰', '张三'] },
        { ...DEFAULT_MASKING_RULE_SET, nameStyle: 'surnameMouMou' },
      ),
      '张某某、张某某',
    );
  });

  it('G-3 the default rule set in words (脱敏规则)', () => {
    const subjects = MASKING_RULES.map((r) => r.subject);
    for (const s of [
      '自然人姓名（当事人及证人等其他自然人）',
      '身份证件号码',
      '联系方式',
      '住址',
      '银行账号',
      '电子邮箱',
      '法人和其他组织',
    ]) {
      assert.ok(subjects.includes(s), s);
    }
    const names = MASKING_RULES[0]?.rule ?? '';
    for (const example of ['张三→张某', '张三丰→张某某', '欧阳某某', '阿某某', 'J**'])
      assert.match(names, new RegExp(example.replace(/[*]/g, '\\*')));
    assert.match(MASKING_RULES.find((r) => r.subject === '住址')?.rule ?? '', /云南省示例县\*\*\*/);
    assert.match(
      MASKING_RULES.find((r) => r.subject === '法人和其他组织')?.rule ?? '',
      /法定代表人（负责人）姓名予以公开/,
    );
    const loose = describeMaskingRules({ ...DEFAULT_MASKING_RULE_SET, maskPhones: false, nameStyle: 'surnameMou' });
    assert.equal(loose.find((r) => r.subject === '联系方式')?.rule, '予以公开，不作处理');
    assert.match(loose[0]?.rule ?? '', /张三丰→张某）/);
  });
});
