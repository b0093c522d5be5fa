import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import {
  type DisclosureRecord,
  publishedMonthKey,
  queryTerms,
  searchColumnsOf,
  searchKeysOf,
  searchKeysOfText,
  searchTextOf,
  segmentWords,
} from '../src/index.js';

const record: DisclosureRecord = {
  agencyId: 2,
  agencyName: '示例县应急管理局',
  regionCode: '530223',
  category: 'penalty',
  categoryLabel: '行政处罚',
  partyType: 'person',
  partyName: '张某某',
  partyCode: '',
  legalRepresentative: '',
  instrumentType: 'penaltyDecision',
  instrumentName: '行政处罚决定书',
  instrumentNumber: '示应急罚〔2026〕3号',
  title: '张某某未按规定对从业人员进行安全生产教育和培训案',
  facts: '经查，当事人经营的烟花爆竹零售点未对从业人员进行安全生产教育和培训。',
  violatedProvision: '《中华人民共和国安全生产法》第二十八条第一款',
  legalBasis: '《中华人民共和国安全生产法》第九十七条第三项',
  conclusion: '警告，并处罚款人民币贰万元（¥20,000.00）',
  decidedOn: '2026-03-05',
};

/** What the database does: every term is a substring of the stored text (LIKE '%term%'). */
const matches = (stored: string, q: string) => queryTerms(q).every((t) => stored.includes(t));

describe('segmentWords', () => {
  it('splits Chinese into dictionary words and drops punctuation', () => {
    assert.deepEqual(segmentWords('示例县应急管理局作出行政处罚决定。'), [
      '示例',
      '县',
      '应急',
      '管理局',
      '作出',
      '行政',
      '处罚',
      '决定',
    ]);
  });

  it('lower-cases, folds full-width letters and digits, and keeps numbers and codes whole', () => {
    const words = segmentWords('ＡＢＣ公司 统一社会信用代码91530223MA6K1234X5，罚款２0000元');
    assert.ok(words.includes('abc'), words.join('|'));
    assert.ok(words.includes('91530223ma6k1234x5'), words.join('|'));
    assert.ok(words.includes('20000'), words.join('|'));
    assert.ok(!words.some((w) => /[，\s]/.test(w)));
  });

  it('keeps each word once, in order of first appearance', () => {
    assert.deepEqual(segmentWords('罚款 罚款 警告 罚款'), ['罚款', '警告']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    assert.deepEqual(segmentWords(''), []);
    assert.deepEqual(segmentWords('《》，。〔〕 ——'), []);
  });
});

describe('searchTextOf', () => {
  const stored = searchTextOf(record);

  it('is the words of the public fields, space-separated, lower-case, without repeats', () => {
    const words = stored.split(' ');
    assert.equal(new Set(words).size, words.length);
    assert.equal(stored, stored.toLowerCase());
    for (const w of ['应急', '管理局', '行政', '处罚', '张', '某某', '安全', '生产', '2026', '3', '号', '警告']) {
      assert.ok(words.includes(w), `${w} in ${stored}`);
    }
  });

  it('joins neighbouring Chinese words, so a word ICU splits differently in context is still found', () => {
    // 并处罚款 is segmented 并|处罚|款: 罚款 is no word of the record, but 处罚款 contains it.
    assert.ok(!stored.split(' ').includes('罚款'));
    assert.ok(stored.split(' ').includes('处罚款'));
    assert.ok(matches(stored, '罚款'));
    assert.ok(matches(stored, '人民币'));
  });

  it('finds an amount with or without thousands separators', () => {
    assert.ok(matches(stored, '20000'));
    assert.ok(matches(stored, '20,000'));
  });

  it('leaves out codes and dates that are not words of the record', () => {
    assert.ok(!stored.includes('penaltydecision'));
    assert.ok(!stored.includes('530223'));
    assert.ok(!stored.includes('2026-03-05'));
  });

  it('finds the record by the words a citizen types', () => {
    for (const q of [
      '应急管理局',
      '示例县应急管理局',
      '安全生产',
      '安全生产法',
      '张某某',
      '罚款 警告',
      '示应急罚〔2026〕3号',
      '2026 3号',
      '从业人员 培训',
      '行政处罚决定书',
      '烟花爆竹',
    ]) {
      assert.ok(matches(stored, q), `${q}: ${queryTerms(q).join('|')}`);
    }
  });

  it('does not find it by words it does not contain', () => {
    for (const q of ['市场监督管理局', '吊销', '李某', '2025', '消防']) assert.ok(!matches(stored, q), q);
  });

  it('carries an organisation’s name and credit code, which are public', () => {
    const org = searchTextOf({
      ...record,
      partyType: 'organization',
      partyName: '示例县宏达化工有限公司',
      partyCode: '91530223MA6K1234X5',
      legalRepresentative: '李建国',
    });
    assert.ok(matches(org, '宏达化工'));
    assert.ok(matches(org, '91530223MA6K1234X5'));
    assert.ok(matches(org, '91530223ma6k1234x5'));
  });
});

describe('queryTerms', () => {
  it('segments the query like the stored text', () => {
    assert.deepEqual(queryTerms('应急管理局 罚款'), ['应急', '管理局', '罚款']);
    assert.deepEqual(queryTerms('  ，。 '), []);
  });

  it('searches a single character ICU split off an unknown word together with its neighbour', () => {
    assert.deepEqual(queryTerms('兽药'), ['兽药']);
    assert.deepEqual(queryTerms('扬尘 整改'), ['扬尘', '整改']);
    assert.deepEqual(queryTerms('成品油'), ['成品', '品油']);
    assert.deepEqual(queryTerms('罚'), ['罚']);
    const stored = searchTextOf({ ...record, facts: '当事人经营未经批准的兽药，施工现场扬尘未整改，储存成品油。' });
    for (const q of ['兽药', '扬尘 整改', '成品油', '扬尘整改']) {
      assert.ok(matches(stored, q), `${q}: ${queryTerms(q).join('|')}`);
      assert.ok(!matches(searchTextOf(record), q), q);
    }
  });

  it('drops a word contained in a longer one and repeats', () => {
    assert.deepEqual(queryTerms('罚款 罚款'), ['罚款']);
    assert.deepEqual(queryTerms('abc abc123'), ['abc123']);
  });

  it('keeps a document number whole, however its brackets are written', () => {
    assert.deepEqual(queryTerms('示应急罚〔2026〕3号'), ['示应急罚[2026]3号']);
    assert.deepEqual(queryTerms('示应急罚[2026]3号 罚款'), ['示应急罚[2026]3号', '罚款']);
    assert.deepEqual(queryTerms('示应急罚（2026）3号'), ['示应急罚[2026]3号']);
    assert.deepEqual(queryTerms('示应急罚［２０２６］３号'), ['示应急罚[2026]3号']);
    const stored = searchTextOf(record);
    assert.ok(stored.split(' ').includes('示应急罚[2026]3号'));
    for (const q of ['示应急罚〔2026〕3号', '示应急罚【2026】3号', '〔2026〕3号']) assert.ok(matches(stored, q), q);
    for (const q of ['示应急罚〔2026〕13号', '示应急罚〔2025〕3号']) assert.ok(!matches(stored, q), q);
  });

  it('uses at most ten words', () => {
    const q = '应急 消防 市场 交通 环境 卫生 教育 农业 水利 林业 文化 旅游';
    assert.equal(segmentWords(q).length, 12);
    assert.deepEqual(queryTerms(q), segmentWords(q).slice(0, 10));
  });
});

test('searchKeysOf: neighbouring character pairs, by code point, without repeats', () => {
  assert.deepEqual(searchKeysOf('罚款'), ['罚款']);
  assert.deepEqual(searchKeysOf('行政处罚'), ['行政', '政处', '处罚']);
  assert.deepEqual(searchKeysOf('哈哈哈'), ['哈哈']);
  assert.deepEqual(searchKeysOf('罚'), []);
  assert.deepEqual(searchKeysOf('𠀋𠀌a'), ['𠀋𠀌', '𠀌a']);
  // A document number's year and serial are a key too, when the serial is whole (a non-digit follows it).
  assert.deepEqual(searchKeysOf('示罚[2026]1号'), [
    '示罚',
    '罚[',
    '[2',
    '20',
    '02',
    '26',
    '6]',
    ']1',
    '1号',
    '[2026]1',
  ]);
  assert.deepEqual(searchKeysOf('罚[2026]12'), ['罚[', '[2', '20', '02', '26', '6]', ']1', '12']);
  assert.deepEqual(searchKeysOf('[2025]3[2026]12号').slice(-2), ['[2025]3', '[2026]12']);
  assert.deepEqual(searchKeysOf('2026'), ['20', '02', '26']);
});

test('searchKeysOfText / searchColumnsOf: the stored keys hold the keys of every stored word, nothing across words', () => {
  assert.deepEqual(searchKeysOfText('𠀋𠀌a 罚 罚款款 罚款').sort(), ['𠀋𠀌', '𠀌a', '罚款', '款款'].sort());
  assert.deepEqual(searchKeysOfText(''), []);
  const { searchText, searchKeys } = searchColumnsOf(record, '2026-11-30');
  assert.equal(searchText, searchTextOf(record));
  // The month of publication, as its own key, after the words' keys.
  assert.deepEqual(searchKeys.slice(0, -1), searchKeysOfText(searchText));
  assert.equal(searchKeys.at(-1), '@2026-11');
  assert.equal(publishedMonthKey('2027-01-01'), '@2027-01');
  const stored = new Set(searchKeys);
  for (const q of ['罚款', '安全生产', record.instrumentNumber, '并处罚款']) {
    for (const term of queryTerms(q)) for (const k of searchKeysOf(term)) assert.ok(stored.has(k), `${q}: ${k}`);
  }
  for (const q of ['示应急罚〔2026〕', '应急罚〔2026〕3号', '〔2026〕3']) {
    for (const term of queryTerms(q)) for (const k of searchKeysOf(term)) assert.ok(stored.has(k), `${q}: ${k}`);
  }
  assert.ok(stored.has('[2026]3'), 'the year and serial');
  // Every key lies inside one stored word: none spans the space between two.
  const words = searchText.split(' ');
  for (const k of searchKeys.slice(0, -1))
    assert.ok(
      words.some((w) => w.includes(k)),
      k,
    );
});
