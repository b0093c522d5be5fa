import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
  SaveOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  type BenchmarkItem,
  type BenchmarkTier,
  DISCRETION_TIER_LABELS,
  DISCRETION_TIERS,
  type DiscretionTier,
  formatYuan,
  MAJOR_CRITERIA,
  MAJOR_CRITERION_LABELS,
  MAJOR_MEASURE_LABELS,
  MAJOR_MEASURES,
  type MajorCriterion,
  type MajorMeasure,
  type MajorRule,
  SANCTION_KIND_LABELS,
  SANCTION_KINDS,
  type SanctionKind,
} from '@sanxiang/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { api, errorMessage, withQuery } from '../../api/client';
import type { ReviewListAnswer } from '../../api/reviewTypes';
import { useFetch } from '../../api/useFetch';
import { PageHeading } from '../../components/PageHeading';
import { shanghaiTime } from '../../components/shanghaiTime';
import { toFen, toYuan, YuanInput } from '../../components/YuanInput';
import { useCompact } from '../../layout/useCompact';
import { useAgencyChoice } from '../lists/agencyChoice';
import { ImportListModal } from '../lists/ImportListModal';
import { ReadOnlyVersionModal } from '../lists/ReadOnlyVersionModal';
import { SaveVersionModal } from '../lists/SaveVersionModal';
import { changeMarks, type Marks, useListDraft } from '../lists/useListDraft';
import { VersionHistoryCard } from '../lists/VersionHistoryCard';

/*
 * 审核目录与裁量基准: the two lists legal review works from, per agency, each kept in versions (S-6). Staff read
 * their own agency's; the justice bureau any agency of its county. Editors change a draft of the whole list and
 * save it as a new version with its reason; every older version can still be opened.
 */

type Kind = 'catalog' | 'benchmarks';
type Entry = MajorRule | BenchmarkItem;
type ListAnswer<T> = ReviewListAnswer<T> & { canEdit: boolean };
type Version<T> = ListAnswer<T>['current'];

const LIST_LABELS: Record<Kind, string> = {
  catalog: '重大执法决定法制审核目录清单',
  benchmarks: '行政处罚裁量基准',
};
const ENTRY_NOUN: Record<Kind, string> = { catalog: '项', benchmarks: '个违法行为' };
const MUTED = '#6b7280';

const options = <C extends string>(codes: readonly C[], labels: Record<C, string>) =>
  codes.map((c) => ({ value: c, label: labels[c] }));
const labelsOf = <C extends string>(codes: readonly C[] | undefined, labels: Record<C, string>, sep = '、') =>
  (codes ?? []).map((c) => labels[c] ?? c).join(sep);
const versionName = (v: { id: number | null; version: number }) => (v.id === null ? '系统默认' : `第${v.version}版`);

// ------------------------------------------------------------------------------------------------
// The dialog of one entry of the draft (a rule of the catalog, an item of the benchmarks)

function DraftEntryModal({
  title,
  width,
  onOk,
  onClose,
  children,
}: {
  title: string;
  width: number;
  onOk(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const compact = useCompact();
  return (
    <Modal
      open
      title={title}
      okText="确定"
      cancelText="取消"
      onOk={onOk}
      onCancel={onClose}
      width={compact ? '100%' : width}
      destroyOnHidden
    >
      <p style={{ color: MUTED, marginTop: 0 }}>修改只改动草稿；全部改完后点“保存为新版本”并写明调整原因才生效。</p>
      {children}
    </Modal>
  );
}

/** 编号, unique in the list. */
function CodeItem({ otherCodes, taken, placeholder }: { otherCodes: string[]; taken: string; placeholder: string }) {
  return (
    <Form.Item
      name="code"
      label="编号"
      rules={[
        { required: true, whitespace: true, message: '请填写编号' },
        {
          validator: async (_, v: string | undefined) => {
            if (v && otherCodes.includes(v.trim())) throw new Error(taken);
          },
        },
      ]}
    >
      <Input maxLength={30} placeholder={placeholder} />
    </Form.Item>
  );
}

// ------------------------------------------------------------------------------------------------
// 重大执法决定法制审核目录清单

/** What a rule looks at, in words: the kinds, the amounts, or the fact recorded on the case. */
const CRITERION_HINTS: Record<MajorCriterion, string> = {
  sanction: '拟作出所选任一种行政处罚的，为重大执法决定',
  measure: '拟作出所选任一种执法决定的，为重大执法决定',
  amount: '罚款与没收违法所得、非法财物合计达到数额标准以上（含本数）的，为重大执法决定',
  hearingHeld: '案件经过听证程序的',
  deliberation: '案件列为须负责人集体讨论决定的',
  referral: '案件拟移送公安机关或者监察机关的',
  complex: '承办机构在案件研判中认定案情复杂、涉及多个法律关系的',
  publicInterest: '承办机构在案件研判中认定涉及重大公共利益或者社会影响较大的',
};

function ruleStandard(r: MajorRule): ReactNode {
  switch (r.criterion) {
    case 'sanction':
      return labelsOf(r.sanctions, SANCTION_KIND_LABELS);
    case 'measure':
      return labelsOf(r.measures, MAJOR_MEASURE_LABELS, '；');
    case 'amount':
      return r.thresholdFen ? (
        <span>
          自然人 {formatYuan(r.thresholdFen.person)}以上
          <br />
          法人或其他组织 {formatYuan(r.thresholdFen.organization)}以上
        </span>
      ) : (
        '—'
      );
    default:
      return <span style={{ color: MUTED }}>{CRITERION_HINTS[r.criterion]}</span>;
  }
}

/** 编号, with what the draft did to the entry (新增, 已修改). */
const codeColumn = (marks: Marks | undefined, width: number) => ({
  title: '编号',
  dataIndex: 'code',
  width,
  render: (code: string) => {
    const mark = marks?.get(code);
    return (
      <span>
        {code}
        {mark && (
          <Tag color={mark === '新增' ? 'green' : 'gold'} style={{ marginInlineStart: 4 }}>
            {mark}
          </Tag>
        )}
      </span>
    );
  },
});

function catalogColumns(actions?: (entry: Entry) => ReactNode, marks?: Marks): ColumnsType<MajorRule> {
  const columns: ColumnsType<MajorRule> = [
    codeColumn(marks, marks ? 90 : 80),
    { title: '名称', dataIndex: 'label', width: actions ? 200 : 230 },
    {
      title: '判断依据',
      dataIndex: 'criterion',
      width: 130,
      render: (c: MajorCriterion) => MAJOR_CRITERION_LABELS[c] ?? c,
    },
    { title: '认定标准', key: 'standard', width: actions ? 210 : 230, render: (_, r) => ruleStandard(r) },
    {
      title: '集体讨论',
      dataIndex: 'requiresDeliberation',
      width: 90,
      align: 'center',
      render: (v: boolean) => (v ? <Tag color="orange">须集体讨论</Tag> : <span style={{ color: MUTED }}>否</span>),
    },
    {
      title: '依据',
      dataIndex: 'basis',
      width: actions ? 220 : 260,
      render: (b: string) => b || <span style={{ color: MUTED }}>—</span>,
    },
  ];
  if (actions)
    columns.push({ title: '操作', key: 'actions', width: 110, fixed: 'right', render: (_, r) => actions(r) });
  return columns;
}

interface RuleValues {
  code: string;
  label: string;
  criterion: MajorCriterion;
  sanctions?: SanctionKind[];
  measures?: MajorMeasure[];
  personYuan?: number | null;
  organizationYuan?: number | null;
  requiresDeliberation: boolean;
  basis?: string;
}

function ruleValues(r: MajorRule | undefined): Partial<RuleValues> {
  if (!r) return { requiresDeliberation: false, sanctions: [], measures: [] };
  return {
    ...r,
    personYuan: r.thresholdFen ? toYuan(r.thresholdFen.person) : null,
    organizationYuan: r.thresholdFen ? toYuan(r.thresholdFen.organization) : null,
  };
}

function ruleOf(v: RuleValues): MajorRule {
  const rule: MajorRule = {
    code: v.code.trim(),
    label: v.label.trim(),
    criterion: v.criterion,
    requiresDeliberation: v.requiresDeliberation,
    basis: (v.basis ?? '').trim(),
  };
  if (v.criterion === 'sanction') rule.sanctions = v.sanctions ?? [];
  if (v.criterion === 'measure') rule.measures = v.measures ?? [];
  if (v.criterion === 'amount') {
    rule.thresholdFen = { person: toFen(v.personYuan ?? 0), organization: toFen(v.organizationYuan ?? 0) };
  }
  return rule;
}

const positiveYuan = (what: string) => ({
  validator: async (_: unknown, v: number | null | undefined) => {
    if (v === null || v === undefined) throw new Error(`请填写${what}的数额标准`);
    if (!(v > 0)) throw new Error('数额标准应大于 0');
  },
});

function RuleModal({
  rule,
  otherCodes,
  onClose,
  onDone,
}: {
  rule: MajorRule | undefined;
  otherCodes: string[];
  onClose(): void;
  onDone(rule: MajorRule): void;
}) {
  const [form] = Form.useForm<RuleValues>();
  const criterion = Form.useWatch('criterion', form);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) onDone(ruleOf(values));
  };
  return (
    <DraftEntryModal
      title={rule ? `编辑清单项“${rule.code}”` : '新增清单项'}
      width={760}
      onOk={() => void submit()}
      onClose={onClose}
    >
      <Form<RuleValues> form={form} layout="vertical" initialValues={ruleValues(rule)}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <CodeItem otherCodes={otherCodes} taken="清单中已有该编号" placeholder="如 S2-12" />
          </Col>
          <Col xs={24} md={18}>
            <Form.Item name="label" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
              <Input maxLength={200} placeholder="如 吊销许可证件、责令关闭" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="criterion"
              label="判断依据"
              rules={[{ required: true, message: '请选择判断依据' }]}
              extra={criterion ? CRITERION_HINTS[criterion] : undefined}
            >
              <Select options={options(MAJOR_CRITERIA, MAJOR_CRITERION_LABELS)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="requiresDeliberation"
              label="须负责人集体讨论"
              rules={[{ required: true, message: '请选择' }]}
            >
              <Radio.Group
                options={[
                  { value: true, label: '是' },
                  { value: false, label: '否' },
                ]}
              />
            </Form.Item>
          </Col>
          {criterion === 'sanction' && (
            <Col span={24}>
              <Form.Item
                name="sanctions"
                label="处罚种类"
                rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种处罚' }]}
              >
                <Select mode="multiple" options={options(SANCTION_KINDS, SANCTION_KIND_LABELS)} placeholder="可多选" />
              </Form.Item>
            </Col>
          )}
          {criterion === 'measure' && (
            <Col span={24}>
              <Form.Item
                name="measures"
                label="其他执法决定"
                rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种执法决定' }]}
              >
                <Select mode="multiple" options={options(MAJOR_MEASURES, MAJOR_MEASURE_LABELS)} placeholder="可多选" />
              </Form.Item>
            </Col>
          )}
          {criterion === 'amount' && (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="personYuan" label="数额标准：自然人" required rules={[positiveYuan('自然人')]}>
                  <YuanInput />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="organizationYuan"
                  label="数额标准：法人或其他组织"
                  required
                  rules={[positiveYuan('法人或其他组织')]}
                >
                  <YuanInput />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="basis" label="依据">
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 5 }}
                maxLength={500}
                placeholder="法律、法规、规章的名称和条款"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </DraftEntryModal>
  );
}

// ------------------------------------------------------------------------------------------------
// 行政处罚裁量基准

function fineText(tier: BenchmarkTier, who: 'person' | 'organization'): ReactNode {
  const range = tier.fine?.[who];
  if (!range) return <span style={{ color: MUTED }}>—</span>;
  return range.minFen === range.maxFen
    ? formatYuan(range.minFen)
    : `${formatYuan(range.minFen)}至${formatYuan(range.maxFen)}`;
}

const TIER_COLORS: Record<DiscretionTier, string> = {
  exempt: 'green',
  minor: 'cyan',
  general: 'blue',
  serious: 'orange',
  severe: 'red',
};

function TiersTable({ tiers }: { tiers: BenchmarkTier[] }) {
  return (
    <Table<BenchmarkTier>
      size="small"
      rowKey="tier"
      pagination={false}
      dataSource={tiers}
      scroll={{ x: 860 }}
      columns={[
        {
          title: '裁量阶次',
          dataIndex: 'tier',
          width: 100,
          render: (t: DiscretionTier) => <Tag color={TIER_COLORS[t]}>{DISCRETION_TIER_LABELS[t] ?? t}</Tag>,
        },
        { title: '适用情形', dataIndex: 'circumstances', render: (c: string) => c || '—' },
        {
          title: '处罚种类',
          dataIndex: 'sanctions',
          width: 180,
          render: (s: SanctionKind[]) =>
            s.length ? labelsOf(s, SANCTION_KIND_LABELS) : <span style={{ color: MUTED }}>不予处罚</span>,
        },
        { title: '罚款幅度：自然人', key: 'person', width: 170, render: (_, t) => fineText(t, 'person') },
        {
          title: '罚款幅度：法人或其他组织',
          key: 'organization',
          width: 190,
          render: (_, t) => fineText(t, 'organization'),
        },
      ]}
    />
  );
}

function benchmarkColumns(actions?: (entry: Entry) => ReactNode, marks?: Marks): ColumnsType<BenchmarkItem> {
  const columns: ColumnsType<BenchmarkItem> = [
    codeColumn(marks, actions ? 110 : 120),
    { title: '违法行为', dataIndex: 'violation', width: actions ? 230 : 280 },
    {
      title: '违反条款',
      dataIndex: 'violatedProvision',
      width: actions ? 170 : 200,
      render: (v: string) => v || '—',
    },
    { title: '处罚依据', dataIndex: 'penaltyBasis', width: actions ? 170 : 200, render: (v: string) => v || '—' },
    {
      title: '裁量阶次',
      key: 'tiers',
      width: 200,
      render: (_, item) => (
        <Space size={[0, 4]} wrap>
          {item.tiers.map((t) => (
            <Tag key={t.tier} color={TIER_COLORS[t.tier]}>
              {DISCRETION_TIER_LABELS[t.tier] ?? t.tier}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  if (actions)
    columns.push({ title: '操作', key: 'actions', width: 110, fixed: 'right', render: (_, r) => actions(r) });
  return columns;
}

interface TierValues {
  tier?: DiscretionTier;
  circumstances?: string;
  sanctions?: SanctionKind[];
  personMin?: number | null;
  personMax?: number | null;
  orgMin?: number | null;
  orgMax?: number | null;
}
interface ItemValues {
  code: string;
  violation: string;
  violatedProvision?: string;
  penaltyBasis?: string;
  tiers: TierValues[];
}

function itemValues(item: BenchmarkItem | undefined): Partial<ItemValues> {
  if (!item) return { tiers: [{ tier: 'general', sanctions: ['fine'] }] };
  return {
    ...item,
    tiers: item.tiers.map((t) => ({
      tier: t.tier,
      circumstances: t.circumstances,
      sanctions: t.sanctions,
      personMin: t.fine ? toYuan(t.fine.person.minFen) : null,
      personMax: t.fine ? toYuan(t.fine.person.maxFen) : null,
      orgMin: t.fine ? toYuan(t.fine.organization.minFen) : null,
      orgMax: t.fine ? toYuan(t.fine.organization.maxFen) : null,
    })),
  };
}

function itemOf(v: ItemValues): BenchmarkItem {
  return {
    code: v.code.trim(),
    violation: v.violation.trim(),
    violatedProvision: (v.violatedProvision ?? '').trim(),
    penaltyBasis: (v.penaltyBasis ?? '').trim(),
    tiers: v.tiers.map((t) => {
      const tier = t.tier as DiscretionTier;
      const sanctions = tier === 'exempt' ? [] : (t.sanctions ?? []);
      const out: BenchmarkTier = { tier, circumstances: (t.circumstances ?? '').trim(), sanctions };
      if (sanctions.includes('fine')) {
        out.fine = {
          person: { minFen: toFen(t.personMin ?? 0), maxFen: toFen(t.personMax ?? 0) },
          organization: { minFen: toFen(t.orgMin ?? 0), maxFen: toFen(t.orgMax ?? 0) },
        };
      }
      return out;
    }),
  };
}

/** One fine bound in 元; the upper one checks it is not below the lower. */
function FineInput({
  name,
  lowerName,
  placeholder,
}: {
  name: (string | number)[];
  lowerName?: (string | number)[];
  placeholder: string;
}) {
  return (
    <Form.Item
      name={name}
      style={{ marginBottom: 0, flex: 1 }}
      dependencies={lowerName ? [lowerName] : []}
      rules={[
        { required: true, message: '必填（不适用填 0）' },
        ({ getFieldValue }) => ({
          validator: async (_, v: number | null | undefined) => {
            const lower = lowerName ? (getFieldValue(lowerName) as number | null | undefined) : undefined;
            if (lowerName && typeof v === 'number' && typeof lower === 'number' && v < lower) {
              throw new Error('上限不能低于下限');
            }
          },
        }),
      ]}
    >
      <InputNumber min={0} precision={2} placeholder={placeholder} style={{ width: '100%' }} />
    </Form.Item>
  );
}

function BenchmarkModal({
  item,
  otherCodes,
  onClose,
  onDone,
}: {
  item: BenchmarkItem | undefined;
  otherCodes: string[];
  onClose(): void;
  onDone(item: BenchmarkItem): void;
}) {
  const [form] = Form.useForm<ItemValues>();
  const tiers = (Form.useWatch('tiers', form) ?? []) as TierValues[];
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) onDone(itemOf(values));
  };
  return (
    <DraftEntryModal
      title={item ? `编辑裁量基准“${item.code}”` : '新增裁量基准'}
      width={1180}
      onOk={() => void submit()}
      onClose={onClose}
    >
      <Form<ItemValues> form={form} layout="vertical" initialValues={itemValues(item)}>
        <Row gutter={16}>
          <Col xs={24} md={5}>
            <CodeItem otherCodes={otherCodes} taken="裁量基准中已有该编号" placeholder="如 AQ-097-1" />
          </Col>
          <Col xs={24} md={19}>
            <Form.Item
              name="violation"
              label="违法行为"
              rules={[{ required: true, whitespace: true, message: '请填写违法行为' }]}
            >
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="violatedProvision" label="违反条款">
              <Input maxLength={500} placeholder="如《中华人民共和国安全生产法》第二十八条" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="penaltyBasis" label="处罚依据">
              <Input maxLength={500} placeholder="如《中华人民共和国安全生产法》第九十七条第（三）项" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List
          name="tiers"
          rules={[
            {
              validator: async (_, list: TierValues[] | undefined) => {
                if (!list?.length) throw new Error('至少应有一个裁量阶次');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
                <strong>裁量阶次</strong>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= DISCRETION_TIERS.length}
                  onClick={() => {
                    const used = new Set(tiers.map((t) => t.tier));
                    add({ tier: DISCRETION_TIERS.find((t) => !used.has(t)), sanctions: ['fine'] });
                  }}
                >
                  添加阶次
                </Button>
              </div>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                scroll={{ x: 1080 }}
                columns={[
                  {
                    title: '裁量阶次',
                    key: 'tier',
                    width: 120,
                    render: (_, field) => (
                      <Form.Item
                        name={[field.name, 'tier']}
                        style={{ marginBottom: 0 }}
                        rules={[
                          { required: true, message: '请选择' },
                          {
                            validator: async (_r, v: DiscretionTier | undefined) => {
                              if (v && tiers.filter((t) => t.tier === v).length > 1) throw new Error('阶次重复');
                            },
                          },
                        ]}
                      >
                        <Select options={options(DISCRETION_TIERS, DISCRETION_TIER_LABELS)} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '适用情形',
                    key: 'circumstances',
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'circumstances']} style={{ marginBottom: 0 }}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '处罚种类',
                    key: 'sanctions',
                    width: 220,
                    render: (_, field) =>
                      tiers[field.name]?.tier === 'exempt' ? (
                        <span style={{ color: MUTED }}>不予处罚</span>
                      ) : (
                        <Form.Item
                          name={[field.name, 'sanctions']}
                          style={{ marginBottom: 0 }}
                          rules={[{ required: true, type: 'array', min: 1, message: '请选择处罚种类' }]}
                        >
                          <Select
                            mode="multiple"
                            options={options(SANCTION_KINDS, SANCTION_KIND_LABELS)}
                            placeholder="可多选"
                          />
                        </Form.Item>
                      ),
                  },
                  {
                    title: '罚款幅度（元）',
                    key: 'fine',
                    width: 340,
                    render: (_, field) => {
                      const t = tiers[field.name];
                      if (t?.tier === 'exempt' || !t?.sanctions?.includes('fine')) {
                        return <span style={{ color: MUTED }}>不罚款</span>;
                      }
                      return (
                        <div style={{ display: 'grid', gap: 6 }}>
                          {(
                            [
                              ['自然人', 'personMin', 'personMax'],
                              ['组织', 'orgMin', 'orgMax'],
                            ] as const
                          ).map(([who, min, max]) => (
                            <div key={who} style={{ display: 'flex', alignItems: 'flex-start', gap: 6 }}>
                              <span style={{ width: 44, lineHeight: '32px', color: MUTED }}>{who}</span>
                              <FineInput name={[field.name, min]} placeholder="下限" />
                              <span style={{ lineHeight: '32px' }}>至</span>
                              <FineInput
                                name={[field.name, max]}
                                lowerName={['tiers', field.name, min]}
                                placeholder="上限"
                              />
                            </div>
                          ))}
                        </div>
                      );
                    },
                  },
                  {
                    title: '',
                    key: 'remove',
                    width: 48,
                    render: (_, field) => (
                      <Button
                        type="text"
                        danger
                        aria-label="删除阶次"
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => remove(field.name)}
                      />
                    ),
                  },
                ]}
              />
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </DraftEntryModal>
  );
}

// ------------------------------------------------------------------------------------------------
// One list: the current version, its draft while editing, its history.

function EntriesTable({
  kind,
  entries,
  actions,
  marks,
}: {
  kind: Kind;
  entries: Entry[];
  actions?: (entry: Entry) => ReactNode;
  marks?: Marks;
}) {
  const compact = useCompact();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  if (kind === 'catalog') {
    return (
      <Table<MajorRule>
        size={compact ? 'small' : 'middle'}
        rowKey={(r) => r.code}
        dataSource={entries as MajorRule[]}
        columns={catalogColumns(actions, marks)}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
        scroll={{ x: actions ? 1050 : 1010 }}
      />
    );
  }
  const items = entries as BenchmarkItem[];
  return (
    <Table<BenchmarkItem>
      size={compact ? 'small' : 'middle'}
      rowKey={(r) => r.code}
      dataSource={items}
      columns={benchmarkColumns(actions, marks)}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个违法行为` }}
      scroll={{ x: actions ? 1040 : 1050 }}
      expandable={{
        expandedRowKeys: items.map((i) => i.code).filter((c) => !collapsed.has(c)),
        onExpand: (open, item) =>
          setCollapsed((prev) => {
            const next = new Set(prev);
            if (open) next.delete(item.code);
            else next.add(item.code);
            return next;
          }),
        expandedRowRender: (item) => <TiersTable tiers={item.tiers} />,
      }}
    />
  );
}

function VersionFacts({
  agencyName,
  version,
  savedBy,
  count,
  kind,
}: {
  agencyName: string;
  version: Version<Entry>;
  savedBy?: string | null;
  count: number;
  kind: Kind;
}) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 4, xl: 4, xxl: 4 }}
      style={{ marginBottom: 16 }}
      items={[
        { key: 'agency', label: '执法主体', children: agencyName },
        {
          key: 'version',
          label: '版本号',
          children: <strong>{versionName(version)}</strong>,
        },
        {
          key: 'time',
          label: '时间',
          children: version.createdAt ? shanghaiTime(version.createdAt) : '—',
        },
        { key: 'count', label: '条目', children: `${count} ${ENTRY_NOUN[kind]}` },
        {
          key: 'reason',
          label: '调整原因',
          span: { xs: 1, sm: 1, md: 2, lg: savedBy ? 3 : 4, xl: savedBy ? 3 : 4, xxl: savedBy ? 3 : 4 },
          children:
            version.id === null
              ? '系统默认（本单位尚未保存自己的版本；案件首次适用时自动保存为第1版）'
              : version.reason,
        },
        ...(savedBy ? [{ key: 'by', label: '保存人', children: savedBy }] : []),
      ]}
    />
  );
}

function VersionModal({
  kind,
  id,
  agencyName,
  onClose,
}: {
  kind: Kind;
  id: number;
  agencyName: string;
  onClose(): void;
}) {
  const { data, error, loading } = useFetch<Version<Entry>>(`/api/review/lists/${kind}/versions/${id}`);
  return (
    <ReadOnlyVersionModal
      title={`${LIST_LABELS[kind]}${data ? ` · ${versionName(data)}` : ''}（只读）`}
      width={1180}
      error={error}
      loading={loading && !data}
      onClose={onClose}
    >
      {data && (
        <>
          <VersionFacts agencyName={agencyName} version={data} count={data.entries.length} kind={kind} />
          <EntriesTable kind={kind} entries={data.entries} />
        </>
      )}
    </ReadOnlyVersionModal>
  );
}

function ListPanel({ kind, agencyId }: { kind: Kind; agencyId: number | undefined }) {
  const { message } = App.useApp();
  const list = useFetch<ListAnswer<Entry>>(`/api/review/lists/${kind}`, { agencyId });
  const [viewing, setViewing] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const data = list.data;
  const { draft, setDraft, entries, changed, editing, setEditing, editingEntry, otherCodes, discard, actions, done } =
    useListDraft(data?.current.entries ?? [], {
      discard: '草稿中的修改尚未保存，放弃后不可恢复。',
      remove: '从草稿中删除；保存为新版本后生效。',
    });
  const diff = useMemo(() => {
    if (!draft || !data) return null;
    const kept = new Set(draft.map((e) => e.code));
    const removed = data.current.entries.filter((e) => !kept.has(e.code)).map((e) => e.code);
    return { marks: changeMarks(data.current.entries, draft), removed };
  }, [draft, data]);

  if (list.error && !data) return <Alert type="error" showIcon title={list.error} />;
  if (!data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const current = data.current;
  const latest = data.versions[0];
  const nextVersion = (latest?.version ?? 0) + 1;

  const exportFile = async () => {
    setExporting(true);
    try {
      await api.download(
        withQuery(`/api/review/lists/${kind}.xlsx`, { agencyId: data.agencyId }),
        `${LIST_LABELS[kind]}.xlsx`,
      );
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  const savedBy =
    current.id !== null ? (data.versions.find((v) => v.id === current.id)?.createdByName ?? '系统') : null;

  return (
    <>
      <Card
        title={
          <span>
            当前版本 <Tag color={current.id === null ? 'default' : 'blue'}>{versionName(current)}</Tag>
            {draft && <Tag color="gold">编辑中{changed ? '（有未保存的修改）' : ''}</Tag>}
          </span>
        }
        extra={
          <Space wrap>
            {!draft && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportFile()}>
                导出 Excel
              </Button>
            )}
            {data.canEdit && !draft && (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  导入 Excel
                </Button>
                <Button type="primary" icon={<EditOutlined />} onClick={() => setDraft(current.entries)}>
                  编辑
                </Button>
              </>
            )}
            {draft && (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setEditing({ index: null })}>
                  {kind === 'catalog' ? '新增清单项' : '新增违法行为'}
                </Button>
                <Button onClick={discard}>放弃修改</Button>
                <Button type="primary" icon={<SaveOutlined />} disabled={!changed} onClick={() => setSaving(true)}>
                  保存为新版本
                </Button>
              </>
            )}
          </Space>
        }
      >
        <VersionFacts
          agencyName={data.agencyName}
          version={current}
          savedBy={savedBy}
          count={current.entries.length}
          kind={kind}
        />
        {draft && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="正在编辑草稿：可新增、修改、删除条目，改完后点“保存为新版本”并写明调整原因。保存前不影响任何案件。"
            description={diff && diff.removed.length > 0 ? `已删除：${diff.removed.join('、')}` : undefined}
          />
        )}
        {!data.canEdit && (
          <p style={{ color: MUTED, marginTop: 0 }}>
            只读。{LIST_LABELS[kind]}
            由本单位的负责人、法制审核人员或系统管理员调整，或由本辖区司法行政机关的系统管理员调整。
          </p>
        )}
        {entries.length === 0 ? (
          <Empty description="清单为空：请新增条目" />
        ) : (
          <EntriesTable kind={kind} entries={entries} actions={actions} marks={diff?.marks} />
        )}
      </Card>

      <VersionHistoryCard
        style={{ marginTop: 16 }}
        versions={data.versions}
        empty="尚未保存过版本：当前适用系统默认版本"
        scrollX={760}
        columns={[
          {
            title: '版本号',
            dataIndex: 'version',
            width: 120,
            render: (v: number, row) => (
              <span>
                第{v}版 {row.id === current.id && <Tag color="blue">当前</Tag>}
              </span>
            ),
          },
          { title: '调整原因', dataIndex: 'reason' },
          { title: '保存人', dataIndex: 'createdByName', width: 120, render: (n: string | null) => n ?? '系统' },
          { title: '时间', dataIndex: 'createdAt', width: 170, render: (t: string) => shanghaiTime(t) },
          { title: '条目', dataIndex: 'count', width: 80 },
          {
            title: '操作',
            key: 'view',
            width: 90,
            render: (_, row) => (
              <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setViewing(row.id)}>
                查看
              </Button>
            ),
          },
        ]}
      />

      {editing && kind === 'catalog' && (
        <RuleModal
          rule={editingEntry as MajorRule | undefined}
          otherCodes={otherCodes}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      {editing && kind === 'benchmarks' && (
        <BenchmarkModal
          item={editingEntry as BenchmarkItem | undefined}
          otherCodes={otherCodes}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      {viewing !== null && (
        <VersionModal kind={kind} id={viewing} agencyName={data.agencyName} onClose={() => setViewing(null)} />
      )}
      {saving && draft && (
        <SaveVersionModal
          title="保存为新版本"
          okText={`保存为第${nextVersion}版`}
          intro={`${LIST_LABELS[kind]}共 ${draft.length} ${ENTRY_NOUN[kind]}，将保存为第${nextVersion}版并立即适用于此后的案件；原有各版本保留，已适用旧版本的案件不受影响。`}
          reasonLabel="调整原因"
          placeholder="如：《中华人民共和国安全生产法》修改，调整第九十七条的裁量幅度"
          save={async (reason) => {
            const saved = await api.put<{ version: number }>(`/api/review/lists/${kind}`, {
              agencyId: data.agencyId,
              entries: draft,
              reason,
            });
            message.success(`已保存为第${saved.version}版`);
            setSaving(false);
            setDraft(null);
            list.reload();
          }}
          onClose={() => setSaving(false)}
        />
      )}
      {importing && (
        <ImportListModal
          title={`导入${LIST_LABELS[kind]}`}
          okText="导入并保存为新版本"
          intro="请使用“导出 Excel”得到的文件格式（表头不变，第二个工作表为填写说明）。整份文件保存为一个新版本；任何一行有错误，都不会导入。"
          reasonLabel="调整原因"
          upload={async (file, reason) => {
            const saved = await api.upload<{ version: number }>(
              withQuery(`/api/review/lists/${kind}/import`, { agencyId: data.agencyId, reason }),
              file,
            );
            message.success(`导入完成，已保存为第${saved.version}版`);
            setImporting(false);
            list.reload();
          }}
          onClose={() => setImporting(false)}
        />
      )}
    </>
  );
}

export default function ReviewListsPage() {
  const { params, set, agencyId, waiting, agencySelect } = useAgencyChoice();
  const tab: Kind = params.get('tab') === 'benchmarks' ? 'benchmarks' : 'catalog';

  return (
    <>
      <PageHeading
        title="审核目录与裁量基准"
        sub="重大执法决定法制审核目录清单和行政处罚裁量基准：每次调整保存为新版本并写明原因，历史版本可随时查看"
        extra={agencySelect}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key })}
        items={(['catalog', 'benchmarks'] as const).map((kind) => ({
          key: kind,
          label: LIST_LABELS[kind],
          children: waiting ?? <ListPanel key={`${kind}-${agencyId ?? 'own'}`} kind={kind} agencyId={agencyId} />,
        }))}
      />
    </>
  );
}
