import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTION_KIND_LABELS,
  AV_STEP_LABELS,
  actionKindsOf,
  avListProblems,
  defaultAvEntries,
  diffEntries,
  listProblems,
  type MatterEntry,
  matterProblems,
  normalizeEntry,
  PUBLIC_LIST_FIELDS,
  PUBLIC_LIST_KINDS,
  type ServiceGuideEntry,
  type SpotCheckEntry,
  serviceGuideProblems,
  spotCheckProblems,
} from '../src/index.js';

const matter = (over: Partial<MatterEntry> = {}): MatterEntry => ({
  code: 'CF-001',
  name: '对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚',
  actionKind: 'penalty',
  basis: '《中华人民共和国安全生产法》第九十七条第三项',
  unit: '综合行政执法大队',
  target: '生产经营单位',
  timeLimit: '立案之日起90日内',
  fees: '不收费',
  note: '',
  ...over,
});

const spotCheck = (over: Partial<SpotCheckEntry> = {}): SpotCheckEntry => ({
  code: 'CC-01',
  name: '危险化学品经营单位安全生产检查',
  subject: '示例县应急管理局',
  basis: '《危险化学品安全管理条例》第六条',
  object: '辖区内危险化学品经营单位',
  content: '安全管理制度、从业人员培训、储存设施',
  ratio: '不低于5%',
  method: '现场检查',
  frequency: '每年1次',
  ...over,
});

const guide = (over: Partial<ServiceGuideEntry> = {}): ServiceGuideEntry => ({
  code: 'ZN-01',
  name: '危险化学品经营许可（不带储存设施）',
  basis: '《危险化学品安全管理条例》第三十三条',
  receivingBody: '示例县政务服务中心应急管理窗口',
  approvingBody: '示例县应急管理局',
  conditions: '有符合国家标准的经营场所',
  materials: '申请书\n营业执照',
  procedure: '申请\n受理\n审查\n决定',
  timeLimit: '20个工作日',
  fees: '不收费',
  supervision: '0870-6123512',
  relief: '行政复议或行政诉讼',
  officeHours: '工作日 9:00—12:00，14:30—17:30',
  address: '示例县城关镇建设路56号',
  phone: '0870-6123501',
  ...over,
});

describe('事前公开清单 (issue 6): fields, validation, diff', () => {
  it('every kind has an 编号 first and Chinese labels for every field', () => {
    for (const kind of PUBLIC_LIST_KINDS) {
      const fields = PUBLIC_LIST_FIELDS[kind];
      assert.equal(fields[0]?.key, 'code');
      for (const f of fields) assert.match(f.label, /[\u4e00-\u9fa5]/);
      assert.equal(new Set(fields.map((f) => f.key)).size, fields.length, kind);
    }
  });

  it('a complete entry of each kind has no problems', () => {
    assert.deepEqual(matterProblems(matter()), []);
    assert.deepEqual(spotCheckProblems(spotCheck()), []);
    assert.deepEqual(serviceGuideProblems(guide()), []);
  });

  it('a matter needs its name, a valid action kind and a legal basis naming the law and article', () => {
    assert.deepEqual(matterProblems(matter({ name: ' ' })), ['“CF-001”的事项名称必填']);
    assert.match(matterProblems(matter({ actionKind: 'fine' as never }))[0] ?? '', /执法类别“fine”无效/);
    assert.match(matterProblems(matter({ basis: '安全生产法' }))[0] ?? '', /名称/);
    assert.match(matterProblems(matter({ basis: '《中华人民共和国安全生产法》' }))[0] ?? '', /具体条款/);
    assert.deepEqual(matterProblems(matter({ basis: '《中华人民共和国安全生产法》第97条' })), []);
  });

  it('spot checks and service guides need their required fields', () => {
    assert.deepEqual(spotCheckProblems(spotCheck({ ratio: '' })), ['“CC-01”的抽查比例必填']);
    assert.deepEqual(serviceGuideProblems(guide({ relief: '' })), ['“ZN-01”的救济途径必填']);
    assert.deepEqual(serviceGuideProblems(guide({ phone: '请打电话' })), ['“ZN-01”的咨询电话格式不正确']);
    assert.match(serviceGuideProblems(guide({ name: 'x'.repeat(201) }))[0] ?? '', /不能超过200个字/);
  });

  it('normalizeEntry trims, drops unknown keys and reads an action kind from its label', () => {
    const { entry, problems } = normalizeEntry('matters', {
      ...matter(),
      actionKind: '行政处罚',
      name: '  对某违法行为的处罚 ',
      extra: 'x',
    });
    assert.deepEqual(problems, []);
    assert.equal(entry.actionKind, 'penalty');
    assert.equal(entry.name, '对某违法行为的处罚');
    assert.equal('extra' in entry, false);
    assert.equal(normalizeEntry('matters', { ...matter(), actionKind: '检查' }).entry.actionKind, 'inspection');
    assert.deepEqual(normalizeEntry('matters', 'x').problems, ['应为一个条目（对象）']);
    assert.equal(normalizeEntry('matters', { ...matter(), name: 12 }).entry.name, '12');
    assert.deepEqual(normalizeEntry('matters', { ...matter(), name: { a: 1 } }).problems[0], '事项名称应为文字');
  });

  it('listProblems numbers entries, finds duplicate codes and refuses an empty list', () => {
    assert.deepEqual(listProblems('matters', []), ['行政执法事项清单（权责清单）至少应有一条']);
    const problems = listProblems('matters', [matter(), matter({ name: '' }), matter({ code: 'CF-002', unit: '' })]);
    assert.deepEqual(problems, [
      '第2条“CF-001”的事项名称必填',
      '第2条的编号“CF-001”与第1条重复',
      '第3条“CF-002”的承办机构必填',
    ]);
    assert.deepEqual(listProblems('spotChecks', [spotCheck({ code: '' })]), ['第1条：编号必填']);
  });

  it('diffEntries matches entries by 编号 and names the changed fields', () => {
    const before = [matter(), matter({ code: 'CF-002' }), matter({ code: 'CF-003' })];
    const after = [
      matter({ basis: '《中华人民共和国安全生产法》第九十七条' }),
      matter({ code: 'CF-003' }),
      matter({ code: 'CF-004' }),
    ];
    const d = diffEntries('matters', before, after);
    assert.deepEqual(
      d.added.map((e) => e.code),
      ['CF-004'],
    );
    assert.deepEqual(
      d.removed.map((e) => e.code),
      ['CF-002'],
    );
    assert.deepEqual(
      d.changed.map((c) => [c.code, c.fields]),
      [['CF-001', ['basis']]],
    );
    assert.equal(d.unchanged, 1);
  });

  it('actionKindsOf lists the kinds a 权责清单 holds in the annual report order', () => {
    const kinds = actionKindsOf([
      matter({ actionKind: 'inspection' }),
      matter({ actionKind: 'penalty' }),
      matter({ actionKind: 'inspection' }),
      matter({ actionKind: 'license' }),
    ]);
    assert.deepEqual(kinds, ['penalty', 'license', 'inspection']);
    assert.equal(ACTION_KIND_LABELS.inspection, '行政检查');
  });
});

describe('音像记录事项清单 (G-6)', () => {
  it('starts from the workflow definitions and passes as it is', () => {
    const entries = defaultAvEntries();
    assert.ok(entries.some((e) => e.code === 'penalty.summary:decideOnSpot' && e.level === 'full'));
    assert.deepEqual(listProblems('avList', entries), []);
  });

  it('may raise a step, never lower one the law makes 全程; names unknown steps', () => {
    assert.deepEqual(avListProblems({ code: 'inspection:inspect', level: 'full', note: '' }), []);
    assert.match(
      avListProblems({ code: 'coercion.seizure:seize', level: 'asNeeded', note: '' })[0] ?? '',
      /不能降低（G-6）/,
    );
    assert.match(
      avListProblems({ code: 'inspection:fly', level: 'full', note: '' })[0] ?? '',
      /执法环节“inspection:fly”无效/,
    );
  });

  it('reads steps and levels as Excel shows them (labels) back into codes', () => {
    const { entry, problems } = normalizeEntry('avList', {
      code: AV_STEP_LABELS['inspection:inspect'],
      level: '全程音像记录',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(entry, { code: 'inspection:inspect', level: 'full', note: '' });
  });
});
