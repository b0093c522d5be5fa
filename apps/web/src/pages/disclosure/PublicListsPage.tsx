import {
  CheckOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  defaultAvEntries,
  diffEntries,
  fieldText,
  LIST_VERSION_STATUS_LABELS,
  type ListField,
  type ListVersionStatus,
  normalizeEntry,
  PUBLIC_LIST_FIELDS,
  PUBLIC_LIST_KINDS,
  PUBLIC_LIST_LABELS,
  type PublicListEntry,
  type PublicListKind,
} from '@sanxiang/domain';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { api, errorMessage, withQuery } from '../../api/client';
import { useFetch } from '../../api/useFetch';
import { PageHeading } from '../../components/PageHeading';
import { shanghaiTime } from '../../components/shanghaiTime';
import { useCompact } from '../../layout/useCompact';
import { useAgencyChoice } from '../lists/agencyChoice';
import { ImportListModal } from '../lists/ImportListModal';
import { ReadOnlyVersionModal } from '../lists/ReadOnlyVersionModal';
import { SaveVersionModal } from '../lists/SaveVersionModal';
import { ServerError } from '../lists/ServerError';
import { changeMarks, type Marks, useListDraft } from '../lists/useListDraft';
import { VersionHistoryCard } from '../lists/VersionHistoryCard';

/*
 * 事前公开清单 (issue 6): an agency's 权责清单, 随机抽查事项清单 and 服务指南, each kept in versions (S-6). Staff
 * write a draft (by hand or from Excel) with its reason and submit it; the agency's 法制机构 compares it with the
 * published version and approves (it becomes public, the old one history) or returns it with an opinion.
 * Fields, labels and validation come from the domain (PUBLIC_LIST_FIELDS), as on the portal and in Excel.
 */

type Entry = PublicListEntry;
type Row = Record<string, string>;
const MUTED = '#6b7280';

interface VersionView {
  id: number;
  kind: PublicListKind;
  version: number;
  status: ListVersionStatus;
  entries: Entry[];
  reason: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewOpinion: string | null;
  publishedAt: string | null;
}
interface VersionSummary {
  id: number;
  version: number;
  status: ListVersionStatus;
  reason: string;
  count: number;
  createdAt: string;
  updatedAt: string;
  createdByName: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  reviewOpinion: string | null;
  publishedAt: string | null;
}
interface ListAnswer {
  agencyId: number;
  agencyName: string;
  kind: PublicListKind;
  label: string;
  canEdit: boolean;
  canReview: boolean;
  published: VersionView | null;
  open: VersionView | null;
  versions: VersionSummary[];
}
interface OverviewAnswer {
  agencyId: number;
  canEdit: boolean;
  canReview: boolean;
  lists: { kind: PublicListKind; open: { status: ListVersionStatus } | null }[];
}

const STATUS_COLORS: Record<ListVersionStatus, string> = {
  draft: 'gold',
  submitted: 'processing',
  returned: 'error',
  published: 'success',
  superseded: 'default',
};
const statusTag = (s: ListVersionStatus) => <Tag color={STATUS_COLORS[s]}>{LIST_VERSION_STATUS_LABELS[s]}</Tag>;
const val = (e: Entry, key: string) => (e as unknown as Row)[key] ?? '';

/** Long texts keep their line breaks (materials, procedure: one item a line). */
const Text = ({ value }: { value: string }) =>
  value ? <span style={{ whiteSpace: 'pre-line' }}>{value}</span> : <span style={{ color: MUTED }}>—</span>;

function EntryDetails({ kind, entry }: { kind: PublicListKind; entry: Entry }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      styles={{ label: { width: 130 } }}
      items={PUBLIC_LIST_FIELDS[kind].map((f) => ({
        key: f.key,
        label: f.label,
        children: <Text value={fieldText(f, val(entry, f.key))} />,
      }))}
    />
  );
}

/** The table columns of a kind: its short fields; long ones are in the expanded row. */
function columnsOf(kind: PublicListKind, marks?: Marks, actions?: (e: Entry) => ReactNode): ColumnsType<Entry> {
  const shown = PUBLIC_LIST_FIELDS[kind].filter((f) => !f.long).slice(0, 6);
  const cols: ColumnsType<Entry> = shown.map((f: ListField) => ({
    key: f.key,
    title: f.label,
    width: f.key === 'code' ? 150 : f.key === 'name' ? undefined : 150,
    render: (_: unknown, e: Entry) => {
      const text = fieldText(f, val(e, f.key));
      if (f.key === 'code') {
        const mark = marks?.get(e.code);
        return (
          <span>
            {text} {mark && <Tag color={mark === '新增' ? 'green' : 'orange'}>{mark}</Tag>}
          </span>
        );
      }
      if (f.options) return <Tag>{text}</Tag>;
      return text || <span style={{ color: MUTED }}>—</span>;
    },
  }));
  if (actions) cols.push({ key: 'actions', title: '操作', width: 120, fixed: 'right', render: (_, e) => actions(e) });
  return cols;
}

function EntriesTable({
  kind,
  entries,
  marks,
  actions,
}: {
  kind: PublicListKind;
  entries: Entry[];
  marks?: Marks;
  actions?: (e: Entry) => ReactNode;
}) {
  const compact = useCompact();
  if (entries.length === 0) return <Empty description="清单为空：请新增条目或导入 Excel" />;
  return (
    <Table<Entry>
      size={compact ? 'small' : 'middle'}
      rowKey={(e) => e.code}
      dataSource={entries}
      columns={columnsOf(kind, marks, actions)}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
      scroll={{ x: 960 }}
      expandable={{ expandedRowRender: (e) => <EntryDetails kind={kind} entry={e} /> }}
    />
  );
}

/** What a version changes against the published one: the reviewer's view (and the editor's check). */
function DiffView({ kind, before, after }: { kind: PublicListKind; before: Entry[]; after: Entry[] }) {
  const d = diffEntries(kind, before as never[], after as never[]);
  const fields = PUBLIC_LIST_FIELDS[kind];
  const labelOf = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  const fieldOf = (key: string) => fields.find((f) => f.key === key) as ListField;
  if (d.added.length + d.removed.length + d.changed.length === 0) {
    return <Alert type="info" showIcon title="与现行公示版本相同，没有修改" />;
  }
  return (
    <div>
      <p style={{ marginTop: 0 }}>
        与现行公示版本相比：新增 <strong>{d.added.length}</strong> 项，修改 <strong>{d.changed.length}</strong> 项，删除{' '}
        <strong>{d.removed.length}</strong> 项，未变 {d.unchanged} 项。
      </p>
      {d.added.length > 0 && (
        <Card size="small" title={<Tag color="green">新增</Tag>} style={{ marginBottom: 8 }}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {d.added.map((e) => (
              <li key={e.code}>
                {e.code} {val(e, 'name')}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {d.removed.length > 0 && (
        <Card size="small" title={<Tag color="red">删除</Tag>} style={{ marginBottom: 8 }}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {d.removed.map((e) => (
              <li key={e.code}>
                <del>
                  {e.code} {val(e, 'name')}
                </del>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {d.changed.map((c) => (
        <Card
          key={c.code}
          size="small"
          title={
            <span>
              <Tag color="orange">修改</Tag>
              {c.code} {val(c.after, 'name')}
            </span>
          }
          style={{ marginBottom: 8 }}
        >
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={c.fields.map((key) => ({
              key,
              before: fieldText(fieldOf(key), val(c.before, key)),
              after: fieldText(fieldOf(key), val(c.after, key)),
            }))}
            columns={[
              { title: '字段', dataIndex: 'key', width: 120, render: (k: string) => labelOf(k) },
              {
                title: '原内容',
                dataIndex: 'before',
                render: (v: string) => (
                  <del style={{ color: '#b91c1c' }}>
                    <Text value={v} />
                  </del>
                ),
              },
              {
                title: '新内容',
                dataIndex: 'after',
                render: (v: string) => (
                  <ins style={{ color: '#15803d', textDecoration: 'none' }}>
                    <Text value={v} />
                  </ins>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}

function EntryModal({
  kind,
  entry,
  otherCodes,
  onClose,
  onDone,
}: {
  kind: PublicListKind;
  entry: Entry | undefined;
  otherCodes: string[];
  onClose(): void;
  onDone(entry: Entry): void;
}) {
  const compact = useCompact();
  const [form] = Form.useForm<Row>();
  const [problems, setProblems] = useState<string[]>([]);
  const fields = PUBLIC_LIST_FIELDS[kind];
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { entry: e, problems: p } = normalizeEntry(kind, values);
    const dup = otherCodes.includes(e.code) ? [`编号“${e.code}”已被其他条目使用`] : [];
    const all = [...dup, ...p.map((x) => x.replace(/^“[^”]*”的/, ''))];
    setProblems(all);
    if (all.length === 0) onDone(e);
  };
  return (
    <Modal
      open
      title={entry ? `编辑“${entry.code}”` : `新增${PUBLIC_LIST_LABELS[kind]}条目`}
      okText="确定"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      width={compact ? '100%' : 760}
      destroyOnHidden
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={problems[0]}
          description={problems.length > 1 ? problems.slice(1).join('；') : undefined}
        />
      )}
      <Form form={form} layout="vertical" initialValues={entry ? { ...(entry as unknown as Row) } : {}}>
        {fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f.label}
            extra={f.note}
            rules={[
              { required: f.required, whitespace: true, message: `请填写${f.label}` },
              { max: f.max, message: `不能超过${f.max}个字` },
            ]}
          >
            {f.options ? (
              <Select
                options={Object.entries(f.options).map(([value, label]) => ({ value, label }))}
                placeholder={`选择${f.label}`}
              />
            ) : f.long ? (
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={f.max} />
            ) : (
              <Input maxLength={f.max} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** The 法制机构's decision on a submitted version: approve (opinion optional) or return (opinion required). */
function ReviewModal({
  id,
  approve,
  onClose,
  onDone,
}: {
  id: number;
  approve: boolean;
  onClose(): void;
  onDone(v: VersionView): void;
}) {
  const [form] = Form.useForm<{ opinion: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      onDone(
        await api.post<VersionView>(`/api/public-lists/versions/${id}/${approve ? 'approve' : 'return'}`, {
          opinion: values.opinion?.trim() ?? '',
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={approve ? '审核通过并公示' : '退回修改'}
      okText={approve ? '审核通过并公示' : '退回'}
      okButtonProps={{ danger: !approve }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={600}
      destroyOnHidden
    >
      <p style={{ marginTop: 0 }}>
        {approve
          ? '审核通过后，该版本立即在公示平台公开，原公示版本转为历史版本（仍可查阅）。'
          : '退回后，编制人员按审核意见修改并重新提交。'}
      </p>
      <ServerError error={error} />
      <Form form={form} layout="vertical" initialValues={{ opinion: approve ? '经审核，同意公示。' : '' }}>
        <Form.Item
          name="opinion"
          label="审核意见"
          rules={approve ? [] : [{ required: true, whitespace: true, message: '退回时须写明需要修改的内容' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VersionModal({ kind, id, onClose }: { kind: PublicListKind; id: number; onClose(): void }) {
  const { data, error } = useFetch<VersionView>(`/api/public-lists/versions/${id}`);
  return (
    <ReadOnlyVersionModal
      title={`${PUBLIC_LIST_LABELS[kind]}${data ? ` · 第${data.version}版` : ''}（只读）`}
      width={1100}
      error={error}
      loading={!data && !error}
      onClose={onClose}
    >
      {data && (
        <>
          <p>
            {statusTag(data.status)} 调整原因：{data.reason}
            {data.reviewOpinion ? `；审核意见：${data.reviewOpinion}` : ''}
          </p>
          <EntriesTable kind={kind} entries={data.entries} />
        </>
      )}
    </ReadOnlyVersionModal>
  );
}

function ListPanel({
  kind,
  agencyId,
  onChanged,
}: {
  kind: PublicListKind;
  agencyId: number | undefined;
  onChanged(): void;
}) {
  const { message, modal } = App.useApp();
  const fetched = useFetch<ListAnswer>(`/api/public-lists/${kind}`, { agencyId });
  const list = {
    ...fetched,
    reload: () => {
      fetched.reload();
      onChanged();
    },
  };
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const [reviewing, setReviewing] = useState<boolean | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const data = list.data;
  // An agency's first 音像记录事项清单 starts from the workflow definitions' own requirements (G-6).
  const base = data?.open?.entries ?? data?.published?.entries ?? (kind === 'avList' ? DEFAULT_AV_LIST : []);
  const { draft, setDraft, entries, changed, editing, setEditing, editingEntry, otherCodes, discard, actions, done } =
    useListDraft(base, {
      discard: '尚未保存的修改将丢失。',
      remove: '从草稿中删除；保存草稿并经审核公示后生效。',
    });
  const marks = useMemo(() => {
    const shown = draft ?? data?.open?.entries;
    if (!shown || !data?.published) return undefined;
    return changeMarks(data.published.entries, shown);
  }, [draft, data]);

  if (list.error && !data) return <Alert type="error" showIcon title={list.error} />;
  if (!data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const { published, open } = data;
  const editable = data.canEdit && (!open || open.status === 'draft' || open.status === 'returned');
  const removed =
    published && (draft || open) ? published.entries.filter((p) => !entries.some((e) => e.code === p.code)) : [];

  const download = async (id: number, version: number) => {
    try {
      await api.download(
        `/api/public-lists/versions/${id}/export.xlsx`,
        `${PUBLIC_LIST_LABELS[kind]}_第${version}版.xlsx`,
      );
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const template = async () => {
    try {
      await api.download(
        withQuery(`/api/public-lists/${kind}/template.xlsx`, { agencyId: data.agencyId }),
        `${PUBLIC_LIST_LABELS[kind]}_导入模板.xlsx`,
      );
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const submit = () =>
    modal.confirm({
      title: `提交第${open?.version ?? ''}版审核？`,
      content: '提交后由本单位法制机构审核，审核期间不能修改；审核通过后在公示平台公开。',
      okText: '提交审核',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          await api.post(`/api/public-lists/${kind}/submit`, { agencyId: data.agencyId });
          message.success('已提交法制机构审核');
          list.reload();
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      },
    });
  const openTitle = draft ? (
    <span>
      编辑草稿 <Tag color="gold">{changed ? '有未保存的修改' : '未修改'}</Tag>
    </span>
  ) : open ? (
    <span>
      在办版本 <Tag>第{open.version}版</Tag> {statusTag(open.status)}
    </span>
  ) : (
    '修订'
  );

  return (
    <>
      {(open || draft || data.canEdit) && (
        <Card
          title={openTitle}
          style={{ marginBottom: 16 }}
          extra={
            <Space wrap>
              {!draft && editable && (
                <>
                  <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                    导入 Excel
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => setDraft(base)}>
                    {open ? '编辑草稿' : published ? '修订现行版本' : '编制清单'}
                  </Button>
                </>
              )}
              {!draft && open && (
                <Button icon={<DownloadOutlined />} onClick={() => void download(open.id, open.version)}>
                  导出 Excel
                </Button>
              )}
              {!draft && editable && open && (
                <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={submit}>
                  提交审核
                </Button>
              )}
              {!draft && open?.status === 'submitted' && data.canReview && (
                <>
                  <Button danger icon={<RollbackOutlined />} onClick={() => setReviewing(false)}>
                    退回
                  </Button>
                  <Button type="primary" icon={<CheckOutlined />} onClick={() => setReviewing(true)}>
                    审核通过并公示
                  </Button>
                </>
              )}
              {draft && (
                <>
                  <Button icon={<PlusOutlined />} onClick={() => setEditing({ index: null })}>
                    新增条目
                  </Button>
                  <Button onClick={discard}>放弃修改</Button>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    disabled={!changed && open !== null}
                    onClick={() => setSaving(true)}
                  >
                    保存草稿
                  </Button>
                </>
              )}
            </Space>
          }
        >
          {open?.status === 'returned' && !draft && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`法制机构已退回：${open.reviewOpinion ?? ''}`}
              description="请按审核意见修改后保存草稿，再次提交审核。"
            />
          )}
          {open?.status === 'submitted' && !draft && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                data.canReview
                  ? '请对照现行公示版本审核本版本的修改内容（清单公示前须经本单位法制机构审核，S-6）。'
                  : `已于 ${open.submittedAt ? shanghaiTime(open.submittedAt) : ''} 提交法制机构审核，审核期间不能修改。`
              }
            />
          )}
          {open && !draft && (
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'reason', label: '调整原因', children: open.reason, span: { xs: 1, md: 2 } },
                { key: 'updated', label: '最近保存', children: shanghaiTime(open.updatedAt) },
              ]}
            />
          )}
          {!open && !draft && (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                published
                  ? '没有在办的修订。法律法规立改废或职能调整时，点“修订现行版本”或导入 Excel 编制新版本（S-6）。'
                  : '尚未编制。点“编制清单”逐项填写，或下载导入模板填写后导入。'
              }
            />
          )}
          {(draft || open) && (
            <Tabs
              items={[
                {
                  key: 'entries',
                  label: `条目（${entries.length}）`,
                  children: (
                    <>
                      {removed.length > 0 && (
                        <Alert
                          type="warning"
                          showIcon
                          style={{ marginBottom: 12 }}
                          title={`与现行公示版本相比删除了 ${removed.length} 项：${removed.map((e) => `${e.code} ${val(e, 'name')}`).join('；')}`}
                        />
                      )}
                      <EntriesTable kind={kind} entries={entries} marks={marks} actions={actions} />
                    </>
                  ),
                },
                ...(published
                  ? [
                      {
                        key: 'diff',
                        label: '与现行版本对比',
                        children: <DiffView kind={kind} before={published.entries} after={entries} />,
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Card>
      )}

      <Card
        title={
          <span>现行公示版本 {published ? <Tag color="blue">第{published.version}版</Tag> : <Tag>尚未公示</Tag>}</span>
        }
        extra={
          published && (
            <Button icon={<DownloadOutlined />} onClick={() => void download(published.id, published.version)}>
              导出 Excel
            </Button>
          )
        }
        style={{ marginBottom: 16 }}
      >
        {published ? (
          <>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'agency', label: '执法主体', children: data.agencyName },
                {
                  key: 'at',
                  label: '公示时间',
                  children: published.publishedAt ? shanghaiTime(published.publishedAt) : '—',
                },
                { key: 'count', label: '条目', children: `${published.entries.length} 项` },
                { key: 'reason', label: '调整原因', children: published.reason, span: { xs: 1, md: 2 } },
                { key: 'opinion', label: '审核意见', children: published.reviewOpinion ?? '—' },
              ]}
            />
            <EntriesTable kind={kind} entries={published.entries} />
          </>
        ) : (
          <Empty description="本清单尚未公示：编制后提交本单位法制机构审核，审核通过即在公示平台公开" />
        )}
      </Card>

      <VersionHistoryCard<VersionSummary>
        versions={data.versions}
        empty="尚无版本"
        scrollX={900}
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第${v}版` },
          { title: '状态', dataIndex: 'status', width: 120, render: statusTag },
          { title: '调整原因', dataIndex: 'reason' },
          { title: '条目', dataIndex: 'count', width: 70 },
          {
            title: '编制 / 审核',
            key: 'who',
            width: 180,
            render: (_, v) => (
              <span>
                {v.createdByName ?? '系统'}
                {v.reviewedByName ? ` / ${v.reviewedByName}` : ''}
                {v.reviewOpinion && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
                    {v.reviewOpinion}
                  </Typography.Paragraph>
                )}
              </span>
            ),
          },
          {
            title: '公示时间',
            dataIndex: 'publishedAt',
            width: 170,
            render: (t: string | null) => (t ? shanghaiTime(t) : '—'),
          },
          {
            title: '操作',
            key: 'ops',
            width: 150,
            render: (_, v) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setViewing(v.id)}>
                  查看
                </Button>
                <Button type="link" size="small" onClick={() => void download(v.id, v.version)}>
                  导出
                </Button>
              </Space>
            ),
          },
        ]}
      />

      {editing && (
        <EntryModal
          kind={kind}
          entry={editingEntry}
          otherCodes={otherCodes}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      {saving && draft && (
        <SaveVersionModal
          title="保存草稿"
          okText="保存草稿"
          intro={`${PUBLIC_LIST_LABELS[kind]}共 ${draft.length} 项。草稿保存后不公开，提交本单位法制机构审核通过后才公示。`}
          reasonLabel="调整原因（S-6）"
          reason={open?.reason ?? ''}
          placeholder="如：《中华人民共和国安全生产法》修正，调整相关事项的实施依据"
          save={async (reason) => {
            const v = await api.put<VersionView>(`/api/public-lists/${kind}/draft`, {
              agencyId: data.agencyId,
              entries: draft,
              reason,
            });
            message.success(`已保存为第${v.version}版草稿；请提交法制机构审核`);
            setSaving(false);
            setDraft(null);
            list.reload();
          }}
          onClose={() => setSaving(false)}
        />
      )}
      {importing && (
        <ImportListModal
          title={`导入${PUBLIC_LIST_LABELS[kind]}`}
          okText="导入为草稿"
          intro={
            <>
              请使用导入模板或导出的
              Excel（表头不变，第二个工作表为填写说明）。整份文件保存为草稿，替换现有草稿；任何一行有错误，都不会导入。{' '}
              <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void template()}>
                下载导入模板
              </Button>
            </>
          }
          reasonLabel="调整原因（S-6）"
          upload={async (file, reason) => {
            const v = await api.upload<VersionView>(
              withQuery(`/api/public-lists/${kind}/import`, { agencyId: data.agencyId, reason }),
              file,
            );
            message.success(`导入完成，已保存为第${v.version}版草稿（${v.entries.length} 项）`);
            setImporting(false);
            list.reload();
          }}
          onClose={() => setImporting(false)}
        />
      )}
      {reviewing !== null && open && (
        <ReviewModal
          id={open.id}
          approve={reviewing}
          onClose={() => setReviewing(null)}
          onDone={(v) => {
            message.success(v.status === 'published' ? `第${v.version}版已公示` : `第${v.version}版已退回`);
            setReviewing(null);
            list.reload();
          }}
        />
      )}
      {viewing !== null && <VersionModal kind={kind} id={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}

/** The workflow definitions' own AV requirements: where an agency's first 音像记录事项清单 starts. */
const DEFAULT_AV_LIST = defaultAvEntries() as PublicListEntry[];

const TAB_LABELS: Record<PublicListKind, string> = {
  matters: '权责清单',
  spotChecks: '随机抽查事项清单',
  serviceGuides: '服务指南',
  avList: '音像记录事项清单',
};

export default function PublicListsPage() {
  const { params, set, regional, agencyId, waiting, agencySelect } = useAgencyChoice();
  const tabParam = params.get('tab') as PublicListKind | null;
  const tab: PublicListKind = tabParam && PUBLIC_LIST_KINDS.includes(tabParam) ? tabParam : 'matters';
  const overview = useFetch<OverviewAnswer>(regional && agencyId === undefined ? null : '/api/public-lists', {
    agencyId,
  });
  const pending = (kind: PublicListKind) => overview.data?.lists.find((l) => l.kind === kind)?.open?.status;

  return (
    <>
      <PageHeading
        title="事前公开清单"
        sub="权责清单、随机抽查事项清单、服务指南和音像记录事项清单：修订保存为新版本并写明原因（S-6），经本单位法制机构审核通过后在公示平台公开"
        extra={agencySelect}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          set({ tab: key });
          overview.reload();
        }}
        items={PUBLIC_LIST_KINDS.map((kind) => {
          const status = pending(kind);
          return {
            key: kind,
            label: (
              <span>
                {TAB_LABELS[kind]}{' '}
                {status && (
                  <Badge
                    status={status === 'submitted' ? 'processing' : status === 'returned' ? 'error' : 'warning'}
                    text={LIST_VERSION_STATUS_LABELS[status]}
                  />
                )}
              </span>
            ),
            children: waiting ?? (
              <ListPanel
                key={`${kind}-${agencyId ?? 'own'}`}
                kind={kind}
                agencyId={agencyId}
                onChanged={overview.reload}
              />
            ),
          };
        })}
      />
    </>
  );
}
