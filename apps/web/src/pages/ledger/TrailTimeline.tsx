import { FileZipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin, Tag, Timeline } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import type { LedgerEntry, LedgerProof } from '../../api/types';
import { shanghaiTime } from '../../components/shanghaiTime';
import { ledgerKeys } from './ledgerKeys';
import {
  actionColor,
  actionLabel,
  fieldLabel,
  inFormOrder,
  type LedgerNames,
  recordFields,
  type SubjectType,
  useLedgerNames,
  ValueText,
  viewedRecordLabel,
} from './ledgerText';
import type { Verification } from './verifyEntry';

const MUTED = '#6b7280';

const INTRO =
  '每一次新增、修改和调阅都按顺序记入防篡改的留痕账本。点「验证」在本浏览器中用公开密钥核对该条记录：' +
  '检查点的签名与见证方联署、记录的序号，以及它到已签名根哈希的包含证明。';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Time and actor as the signed entry text states them (the list's own fields are only a convenience). */
function signedHeader(e: LedgerEntry): { time: string; actor: string } {
  try {
    const parsed = JSON.parse(e.entry) as { time?: unknown; actor?: { name?: unknown } };
    return {
      time: typeof parsed.time === 'string' ? parsed.time : e.time,
      actor: typeof parsed.actor?.name === 'string' ? parsed.actor.name : e.actor,
    };
  } catch {
    return { time: e.time, actor: e.actor };
  }
}

function FieldList({ items }: { items: { key: string; label: string; value: ReactNode }[] }) {
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, color: '#57606a' }}>
      {items.map((i) => (
        <li key={i.key}>
          {i.label}：{i.value}
        </li>
      ))}
    </ul>
  );
}

/** The snapshot of a new record, folded: it is long, and the detail page shows the current values anyway. */
function RecordDetails({
  subjectType,
  record,
  extra,
  names,
}: {
  subjectType: SubjectType;
  record: Record<string, unknown>;
  extra?: { key: string; label: string; value: ReactNode }[];
  names: LedgerNames;
}) {
  const items = recordFields(subjectType, record).map((f) => ({
    key: f,
    label: fieldLabel(subjectType, f),
    value: <ValueText subjectType={subjectType} field={f} value={record[f]} names={names} />,
  }));
  return (
    <details style={{ marginTop: 4 }}>
      <summary style={{ cursor: 'pointer', color: '#1f4e9c' }}>登记内容</summary>
      <FieldList items={[...items, ...(extra ?? [])]} />
    </details>
  );
}

/** The change an entry records, in words: 字段：原值 → 新值, the 事由 of a 调阅, the snapshot of a creation. */
function ChangeText({ entry, names }: { entry: LedgerEntry; names: LedgerNames }) {
  const p = isRecord(entry.payload) ? entry.payload : {};
  const subjectType = entry.subjectType;
  const reason = typeof p.reason === 'string' ? p.reason : null;

  if (entry.action.endsWith('.view')) {
    return (
      <div>
        <div>事由：{reason ?? '（未填写）'}</div>
        {viewedRecordLabel(p.record) && <div style={{ color: MUTED }}>调阅内容：{viewedRecordLabel(p.record)}</div>}
      </div>
    );
  }
  const lines: ReactNode[] = [];
  if (typeof p.version === 'number' || reason) {
    lines.push(
      <div key="reason">
        {typeof p.version === 'number' && `第 ${p.version} 版`}
        {typeof p.version === 'number' && reason && ' · '}
        {reason && `原因：${reason}`}
      </div>,
    );
  }
  if (isRecord(p.changes)) {
    lines.push(
      <FieldList
        key="changes"
        items={inFormOrder(subjectType, Object.entries(p.changes)).map(([field, c]) => {
          const change = isRecord(c) ? c : { to: c };
          return {
            key: field,
            label: fieldLabel(subjectType, field),
            value: (
              <>
                <ValueText subjectType={subjectType} field={field} value={change.from} names={names} />
                {' → '}
                <ValueText subjectType={subjectType} field={field} value={change.to} names={names} />
              </>
            ),
          };
        })}
      />,
    );
  }
  if (isRecord(p.record)) {
    const extra = Array.isArray(p.units)
      ? [
          {
            key: 'units',
            label: fieldLabel(subjectType, 'units'),
            value: <ValueText subjectType={subjectType} field="units" value={p.units} names={names} />,
          },
        ]
      : undefined;
    lines.push(<RecordDetails key="record" subjectType={subjectType} record={p.record} extra={extra} names={names} />);
  }
  if (isRecord(p.unit) && typeof p.unit.name === 'string') lines.push(<div key="unit">科室：{p.unit.name}</div>);
  if (entry.action === 'user.create') {
    lines.push(
      <FieldList
        key="user"
        items={['username', 'displayName', 'roles', 'agencyId']
          .filter((f) => f in p)
          .map((f) => ({
            key: f,
            label: fieldLabel('user', f),
            value: <ValueText subjectType="user" field={f} value={p[f]} names={names} />,
          }))}
      />,
    );
  }
  return lines.length ? lines : null;
}

/** Compact: the result sits inside a narrow timeline item. */
const ALERT_STYLE = { marginTop: 8, padding: '8px 12px' };
const ALERT_STYLES = {
  icon: { fontSize: 16, marginTop: 3 },
  title: { fontSize: 14, fontWeight: 500, marginBottom: 2 },
};

function VerificationResult({ result }: { result: Verification }) {
  if (!result.ok) {
    return (
      <Alert
        type="error"
        showIcon
        title="验证未通过"
        description={result.reason}
        style={ALERT_STYLE}
        styles={ALERT_STYLES}
      />
    );
  }
  const title = result.witnessed
    ? `已验证：第 ${result.seq} 条记录包含在经见证的检查点（树大小 ${result.treeSize}）中`
    : `已验证：第 ${result.seq} 条记录包含在检查点（树大小 ${result.treeSize}）中，但该检查点没有见证方的有效联署`;
  return (
    <Alert
      type={result.witnessed ? 'success' : 'warning'}
      showIcon
      title={title}
      style={ALERT_STYLE}
      styles={ALERT_STYLES}
      description={
        <div style={{ fontSize: 12, color: '#57606a', wordBreak: 'break-all' }}>
          <div>
            账本签名有效（{result.logName}）；见证方联署{result.witnessed ? `有效（${result.witnessName}）` : '缺失'}
          </div>
          <div>
            {result.checkpointTime && `检查点签发于 ${shanghaiTime(result.checkpointTime)}；`}
            根哈希（{result.hashAlg.toUpperCase()}）
            <code title={result.rootHashHex}>{result.rootHashHex.slice(0, 16)}…</code>
          </div>
        </div>
      }
    />
  );
}

type VerifyState = 'busy' | Verification;

/** How a page words one entry: the tag's text and the lines under it. */
export interface EntryDescription {
  label?: string;
  body?: ReactNode;
}

/**
 * 全过程记录 of one subject (an officer, an agency, a user): every ledger entry about it in order, in words, each
 * with a 验证 button that checks the entry against the signed, witnessed checkpoint in this browser.
 * `refreshKey`: change it to reload (after an edit or a 调阅 on the same page).
 */
export function TrailTimeline({
  subjectType,
  subjectId,
  refreshKey,
  knownNames,
  describe,
}: {
  subjectType: 'officer' | 'agency' | 'user' | 'case';
  subjectId: number | string;
  refreshKey?: unknown;
  /** Names the page already has (say, a parent agency outside the viewer's scope), used when a lookup has none. */
  knownNames?: { agencies?: [number, string][]; units?: [number, string][] };
  /** The page's own wording of an entry (a case step in its procedure's terms); undefined falls back to the default. */
  describe?: (entry: LedgerEntry) => EntryDescription | undefined;
}) {
  const [entries, setEntries] = useState<LedgerEntry[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<number, VerifyState>>({});
  const looked = useLedgerNames(entries);
  const names = useMemo<LedgerNames>(
    () => ({
      agencies: new Map([...(knownNames?.agencies ?? []), ...looked.agencies]),
      units: new Map([...(knownNames?.units ?? []), ...looked.units]),
    }),
    [looked, knownNames],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the reload trigger
  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    api
      .get<LedgerEntry[]>('/api/ledger/trail', { subjectType, subjectId }, ctrl.signal)
      .then(setEntries)
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        // The server answers 404 when nothing about the subject is recorded (yet) in the viewer's scope.
        if (err instanceof ApiError && err.status === 404) setEntries([]);
        else setError(errorMessage(err));
      });
    return () => ctrl.abort();
  }, [subjectType, subjectId, refreshKey]);

  const verify = useCallback(async (e: LedgerEntry) => {
    setChecks((c) => ({ ...c, [e.seq]: 'busy' }));
    let result: Verification;
    try {
      const [{ verifyEntry }, keys, proof] = await Promise.all([
        import('./verifyEntry'),
        ledgerKeys(),
        api.get<LedgerProof>(`/api/ledger/entries/${e.seq}/proof`),
      ]);
      result = verifyEntry(keys, proof, e);
    } catch (err) {
      result = { ok: false, reason: `无法取得验证所需的公钥或证明：${errorMessage(err)}` };
    }
    setChecks((c) => ({ ...c, [e.seq]: result }));
  }, []);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!entries) return <Spin />;
  if (entries.length === 0) return <Empty description="暂无全过程记录" />;

  return (
    <div>
      <p style={{ marginTop: 0, color: MUTED, fontSize: 13 }}>{INTRO}</p>
      <p style={{ marginTop: 0 }}>
        <Button
          size="small"
          icon={<FileZipOutlined />}
          href={
            subjectType === 'case'
              ? `/api/cases/${encodeURIComponent(String(subjectId))}/case-file`
              : `/api/ledger/case-file?subjectType=${subjectType}&subjectId=${encodeURIComponent(String(subjectId))}`
          }
        >
          导出电子案卷
        </Button>
        <span style={{ color: MUTED, fontSize: 12, marginLeft: 8 }}>
          {subjectType === 'case' ? '含按归档顺序排列的全部文书 PDF、' : '含'}
          全部记录原文、包含证明、经见证的检查点与公钥，可用 npm run verify 离线校验
        </span>
      </p>
      <Timeline
        items={entries.map((e) => {
          const { time, actor } = signedHeader(e);
          const check = checks[e.seq];
          const own = describe?.(e);
          return {
            key: e.seq,
            color: actionColor(e.action),
            content: (
              <div data-seq={e.seq}>
                <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                  <Tag color={actionColor(e.action)} style={{ marginInlineEnd: 0 }}>
                    {own?.label ?? actionLabel(e.action)}
                  </Tag>
                  <span style={{ color: MUTED, fontSize: 12 }}>第 {e.seq} 条</span>
                  <span style={{ flex: 1 }} />
                  <Button
                    size="small"
                    icon={<SafetyCertificateOutlined />}
                    loading={check === 'busy'}
                    onClick={() => void verify(e)}
                  >
                    验证
                  </Button>
                </div>
                <div style={{ marginTop: 4, color: MUTED }}>
                  {shanghaiTime(time)} · 操作人：{actor}
                </div>
                {own?.body !== undefined ? own.body : <ChangeText entry={e} names={names} />}
                {check && check !== 'busy' && <VerificationResult result={check} />}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
