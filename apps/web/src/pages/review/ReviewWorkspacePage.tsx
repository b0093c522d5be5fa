import { ArrowLeftOutlined, AuditOutlined, FilePdfOutlined, SwapOutlined } from '@ant-design/icons';
import {
  COORDINATION_OUTCOME_LABELS,
  COORDINATION_OUTCOMES,
  type CoordinationOutcome,
  MAJOR_MEASURE_LABELS,
  MIN_REASONED_NOTE,
  PARTY_TYPE_LABELS,
  REVIEW_CHECK_ITEMS,
  REVIEW_CHECK_LABELS,
  REVIEW_FINDING_LABELS,
  REVIEW_FINDINGS,
  REVIEW_OPINION_LABELS,
  REVIEW_OPINIONS,
  type ReviewCheckItem,
  type ReviewFinding,
  type ReviewOpinion,
  reviewDecisionProblems,
} from '@sanxiang/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api/client';
import type { CaseReviewView, ReviewChange, ReviewDetail, ReviewPackage, ReviewSummary } from '../../api/reviewTypes';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { FILE_KIND_LABELS, formatSize } from '../../components/CaseFileUploader';
import { PageHeading } from '../../components/PageHeading';
import { shanghaiTime } from '../../components/shanghaiTime';
import { useCompact } from '../../layout/useCompact';
import {
  ActDateField,
  actOnError,
  DisputeModal,
  DueOn,
  FindingTag,
  MajorMatches,
  MUTED,
  ReviewStatusTag,
  todayDay,
  versionText,
} from './reviewText';

const CHANGED_BG = '#fff7e6';
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };
const OFFICER_ROLE: Record<string, string> = { lead: '主办', assistant: '协办' };
const BEFORE = {
  background: '#fff1f0',
  color: '#a8071a',
  padding: '0 4px',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
} as const;
const AFTER = { ...BEFORE, background: '#f6ffed', color: '#135200', textDecoration: 'none' } as const;

/** Whether the diff touches this part of the package (`case.facts`, `proposedPenalty.fineFen`, `evidence[2]` …). */
function touched(changes: ReviewChange[], ...prefixes: string[]): boolean {
  return changes.some((c) =>
    prefixes.some((p) => c.path === p || c.path.startsWith(`${p}.`) || c.path.startsWith(`${p}[`)),
  );
}

/** A label that says "changed since the last round" when it did. */
function label(text: string, changed: boolean): ReactNode {
  return changed ? (
    <span>
      {text}
      <Tag color="orange" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
        有变化
      </Tag>
    </span>
  ) : (
    text
  );
}

/** 与上次送审相比的变化: each field before → after, the old text struck through. */
function ChangesCard({ changes }: { changes: ReviewChange[] }) {
  return (
    <Card
      size="small"
      title={
        <span>
          <SwapOutlined /> 与上次送审相比的变化
        </span>
      }
      style={{ marginBottom: 16, borderColor: '#ffd591' }}
      styles={{ header: { background: CHANGED_BG } }}
      data-card="changes"
    >
      {changes.length === 0 ? (
        <div style={{ color: MUTED }}>案件材料与上次送审时相同</div>
      ) : (
        changes.map((c) => (
          <div key={c.path} data-change={c.path} style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
            <div style={{ fontWeight: 600, marginBottom: 2 }}>{c.label}</div>
            {/* Something added shows only what is new, something removed only what went. */}
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '2px 8px' }}>
              {c.before && <del style={BEFORE}>{c.before}</del>}
              {c.before && c.after && <span style={{ color: MUTED }}>→</span>}
              {c.after && <ins style={AFTER}>{c.after}</ins>}
            </div>
          </div>
        ))
      )}
    </Card>
  );
}

/** The case as submitted: what the reviewer reads against the checklist. */
function CaseMaterials({ d }: { d: ReviewDetail }) {
  const compact = useCompact();
  const p: ReviewPackage = d.package;
  const changes = d.round > 1 ? d.changes : [];
  const party = p.case.party;
  const person = party.type === 'person';
  const measures = (p.assessment.measures ?? []).map((m) => MAJOR_MEASURE_LABELS[m]);
  const assessed = [
    p.assessment.complex && '案情复杂、涉及多个法律关系',
    p.assessment.publicInterest && '涉及重大公共利益或者社会影响较大',
    ...measures,
  ].filter(Boolean) as string[];
  const cell = (changed: boolean) => (changed ? { background: CHANGED_BG } : undefined);
  const rows: {
    key: string;
    label: ReactNode;
    children: ReactNode;
    changed?: boolean;
  }[] = [
    {
      key: 'party',
      label: label('当事人', touched(changes, 'case.party', 'party')),
      changed: touched(changes, 'case.party', 'party'),
      children: (
        <div>
          <strong>{party.name}</strong>
          <span style={{ color: MUTED, marginInlineStart: 8 }}>{PARTY_TYPE_LABELS[party.type]}</span>
          <div style={{ color: '#57606a', fontSize: 13 }}>
            {person ? '公民身份号码' : '统一社会信用代码'}：{party.idNumber || '未填写'}
            {!person && party.legalRepresentative && ` · 法定代表人：${party.legalRepresentative}`}
          </div>
          {party.address && <div style={{ color: '#57606a', fontSize: 13 }}>住所：{party.address}</div>}
        </div>
      ),
    },
    {
      key: 'facts',
      label: label('违法事实', touched(changes, 'case.facts', 'facts')),
      changed: touched(changes, 'case.facts', 'facts'),
      children: <div style={{ whiteSpace: 'pre-wrap' }}>{p.case.facts || '—'}</div>,
    },
    {
      key: 'violated',
      label: label('违反的法律条款', touched(changes, 'case.violatedProvision', 'violatedProvision')),
      changed: touched(changes, 'case.violatedProvision', 'violatedProvision'),
      children: p.case.violatedProvision || '—',
    },
    {
      key: 'basis',
      label: label('处罚依据', touched(changes, 'case.penaltyBasis', 'penaltyBasis')),
      changed: touched(changes, 'case.penaltyBasis', 'penaltyBasis'),
      children: p.case.penaltyBasis || '—',
    },
    {
      key: 'penalty',
      label: label('拟作出的处罚', touched(changes, 'proposedPenalty', 'proposedPenaltyText')),
      changed: touched(changes, 'proposedPenalty', 'proposedPenaltyText'),
      children: (
        <span>
          <strong>{p.proposedPenaltyText || '—'}</strong>
          {p.hearingHeld && (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              经过听证
            </Tag>
          )}
        </span>
      ),
    },
    {
      key: 'discretion',
      label: label('裁量基准', touched(changes, 'discretion')),
      changed: touched(changes, 'discretion'),
      children: p.discretion ? (
        <div data-package-discretion>
          <div>
            {p.discretion.code} {p.discretion.violation}
            <Tag style={{ marginInlineStart: 6 }}>{p.discretion.tierLabel}</Tag>
          </div>
          {p.discretion.reason && <div style={{ color: '#57606a', fontSize: 13 }}>理由：{p.discretion.reason}</div>}
          {p.discretion.flag ? (
            <Alert type="warning" showIcon title={p.discretion.flag} style={{ marginTop: 6, padding: '4px 10px' }} />
          ) : (
            <div style={{ color: '#389e0d', fontSize: 13 }}>拟作出的处罚在该阶次的范围之内</div>
          )}
        </div>
      ) : (
        <Alert
          type="warning"
          showIcon
          title={p.discretionFlag ?? '未选择适用的裁量基准和裁量阶次'}
          style={{ padding: '4px 10px' }}
        />
      ),
    },
    {
      key: 'major',
      label: label('重大执法决定', touched(changes, 'major')),
      changed: touched(changes, 'major'),
      children: (
        <div>
          <div style={{ color: MUTED, fontSize: 12, marginBottom: 4 }}>
            {versionText('目录清单', p.major.catalogVersion)}
          </div>
          <MajorMatches matches={p.major.matches} />
        </div>
      ),
    },
    {
      key: 'assessment',
      label: label('案件研判', touched(changes, 'assessment')),
      changed: touched(changes, 'assessment'),
      children: assessed.length > 0 ? assessed.join('；') : <span style={{ color: MUTED }}>无特别情形</span>,
    },
    {
      key: 'officers',
      label: label('承办人员', touched(changes, 'officers')),
      changed: touched(changes, 'officers'),
      children: (
        <Space orientation="vertical" size={2}>
          {p.officers.map((o) => (
            <span key={`${o.name}-${o.credentialNo}`}>
              {o.name}
              <Tag style={{ marginInlineStart: 6 }}>{OFFICER_ROLE[o.role] ?? o.role}</Tag>
              {o.credentialNo && <span style={{ color: MUTED, fontSize: 12 }}>执法证 {o.credentialNo}</span>}
            </span>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      {d.round > 1 && <ChangesCard changes={d.changes} />}
      <Card
        size="small"
        title={label('送审说明', touched(changes, 'statement'))}
        style={{ marginBottom: 16 }}
        extra={
          <span style={{ color: MUTED, fontSize: 12 }}>
            {d.submittedByName} · {d.submittedOn}
          </span>
        }
      >
        <div style={{ whiteSpace: 'pre-wrap' }} data-statement>
          {d.statement || '—'}
        </div>
      </Card>
      <Card
        size="small"
        title="案件材料"
        style={{ marginBottom: 16 }}
        extra={
          <Link to={`/cases/${d.caseId}`} style={{ fontSize: 13 }}>
            打开案件
          </Link>
        }
        data-card="materials"
      >
        <div style={{ color: MUTED, fontSize: 13, marginBottom: 8 }}>
          {p.case.caseNo} · {p.case.procedureLabel}
          {p.case.filedOn && ` · 立案日期 ${p.case.filedOn}`}
        </div>
        <Descriptions
          bordered={!compact}
          size="small"
          column={1}
          styles={{ label: { whiteSpace: 'nowrap', width: compact ? undefined : 112 } }}
          items={rows.map((r) => ({
            key: r.key,
            label: r.label,
            children: r.children,
            styles: { content: cell(Boolean(r.changed)) },
          }))}
        />
      </Card>
      <Card
        size="small"
        title={label(`证据材料（${p.evidence.length}）`, touched(changes, 'evidence'))}
        style={{ marginBottom: 16 }}
        data-card="evidence"
      >
        {p.evidence.length === 0 ? (
          <div style={{ color: MUTED }}>未附证据材料</div>
        ) : (
          p.evidence.map((e) => (
            <div
              key={e.fileId}
              style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}
              data-evidence={e.fileId}
            >
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 8px', alignItems: 'baseline' }}>
                <span style={{ fontWeight: 500, wordBreak: 'break-all' }}>{e.name}</span>
                <Tag style={{ marginInlineEnd: 0 }}>{FILE_KIND_LABELS[e.kind as 'evidence' | 'av'] ?? e.kind}</Tag>
                <span style={{ color: MUTED, fontSize: 12 }}>
                  {formatSize(e.size)}
                  {e.capturedAt && ` · 采集于 ${shanghaiTime(e.capturedAt)}`}
                </span>
              </div>
              <div style={{ ...mono, color: '#57606a', wordBreak: 'break-all' }} title="SM3 摘要">
                SM3 {e.sm3}
              </div>
            </div>
          ))
        )}
      </Card>
      <Card
        size="small"
        title={label(`已有文书（${p.instruments.length}）`, touched(changes, 'instruments'))}
        style={{ marginBottom: 16 }}
        data-card="instruments"
      >
        {p.instruments.length === 0 ? (
          <div style={{ color: MUTED }}>尚无文书</div>
        ) : (
          p.instruments.map((i) => (
            <div
              key={i.id}
              style={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'center',
                gap: '2px 8px',
                padding: '4px 0',
                borderBottom: '1px solid #f5f5f5',
              }}
            >
              <a
                href={`/api/instruments/${i.id}/pdf`}
                target="_blank"
                rel="noopener"
                aria-label={`查看PDF：${i.typeLabel}`}
              >
                <FilePdfOutlined /> {i.typeLabel}
              </a>
              <span style={{ whiteSpace: 'nowrap' }}>{i.number}</span>
              <span style={{ color: MUTED, fontSize: 12 }}>
                {i.version > 1 ? `第 ${i.version} 版 · ` : ''}
                {i.issuedOn}
              </span>
            </div>
          ))
        )}
      </Card>
    </>
  );
}

type Draft = Record<ReviewCheckItem, { finding?: ReviewFinding; note: string }>;
const emptyDraft = (): Draft =>
  Object.fromEntries(REVIEW_CHECK_ITEMS.map((i) => [i, { note: '' }])) as unknown as Draft;

/** The G-7 checklist and the S-1 opinion: every item once, then one opinion; 出具审核意见 issues 法制审核意见书. */
function DecisionForm({ d, onDecided }: { d: ReviewDetail; onDecided(next: ReviewDetail): void }) {
  const { message, modal } = App.useApp();
  const compact = useCompact();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [opinion, setOpinion] = useState<ReviewOpinion | undefined>(undefined);
  const [opinionNote, setOpinionNote] = useState('');
  const [actOn, setActOn] = useState(todayDay);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiError | string | null>(null);
  const flag =
    d.package.discretionFlag !== undefined
      ? d.package.discretionFlag
      : d.package.discretion
        ? d.package.discretion.flag
        : '未选择适用的裁量基准和裁量阶次';

  const findings = useMemo(
    () =>
      REVIEW_CHECK_ITEMS.flatMap((item) => {
        const f = draft[item];
        return f.finding ? [{ item, finding: f.finding, note: f.note.trim() }] : [];
      }),
    [draft],
  );
  // Until an opinion is chosen only the checklist itself is checked (every item, a note for each problem).
  const problems = useMemo(
    () =>
      opinion
        ? reviewDecisionProblems(findings, opinion, opinionNote, flag)
        : reviewDecisionProblems(findings, 'supplement', '—', null),
    [findings, opinion, opinionNote, flag],
  );
  const serverItems = serverError instanceof ApiError ? (serverError.errors ?? []) : [];
  const dateError = actOnError(serverError);
  const problemFor = (field: string): string | undefined =>
    (tried ? problems.find((p) => p.field === field)?.message : undefined) ??
    serverItems.find((e) => e.field === field)?.message;
  const set = (item: ReviewCheckItem, change: Partial<{ finding: ReviewFinding; note: string }>) =>
    setDraft((prev) => ({ ...prev, [item]: { ...prev[item], ...change } }));
  const unset = REVIEW_CHECK_ITEMS.filter((i) => !draft[i].finding);

  const send = async () => {
    setBusy(true);
    setServerError(null);
    try {
      const next = await api.post<ReviewDetail>(`/api/reviews/${d.id}/decide`, {
        findings,
        opinion,
        opinionNote: opinionNote.trim(),
        actOn: actOn.format('YYYY-MM-DD'),
      });
      message.success(
        `已出具审核意见：${next.opinionLabel ?? ''}${next.opinionInstrument ? `，法制审核意见书 ${next.opinionInstrument.number}` : ''}`,
        6,
      );
      onDecided(next);
    } catch (err) {
      setServerError(err instanceof ApiError ? err : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    setTried(true);
    if (!opinion) return;
    if (problems.length > 0) return;
    modal.confirm({
      title: `出具审核意见：${REVIEW_OPINION_LABELS[opinion]}`,
      content: `审核日期 ${actOn.format('YYYY-MM-DD')}。审核意见出具后不能修改，将生成编号的法制审核意见书并记入全过程记录。`,
      okText: '出具',
      cancelText: '再看看',
      onOk: () => send(),
    });
  };

  return (
    <Card
      title={
        <span>
          <AuditOutlined /> 审核清单（G-7）
        </span>
      }
      extra={
        unset.length > 0 && (
          <Button
            size="small"
            onClick={() =>
              setDraft((prev) => {
                const next = { ...prev };
                for (const i of unset) next[i] = { ...next[i], finding: 'pass' };
                return next;
              })
            }
          >
            其余各项均符合
          </Button>
        )
      }
      styles={{ body: { padding: compact ? 12 : 16 } }}
      data-card="checklist"
    >
      {serverError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={typeof serverError === 'string' ? serverError : serverError.message}
          style={{ marginBottom: 12 }}
        />
      )}
      {REVIEW_CHECK_ITEMS.map((item, n) => {
        const f = draft[item];
        const error = problemFor(`findings.${item}`);
        const isDiscretion = item === 'discretion';
        return (
          <div
            key={item}
            data-check={item}
            style={{
              padding: '10px 0',
              borderBottom: '1px solid #f0f0f0',
              background: error ? '#fff2f0' : undefined,
            }}
          >
            <div style={{ fontWeight: 500, marginBottom: 6 }}>
              {n + 1}. {REVIEW_CHECK_LABELS[item]}
            </div>
            {isDiscretion && flag && (
              <Alert
                type="warning"
                showIcon
                data-discretion-flag
                title={flag}
                description={`认定裁量适当的，须在本项写明理由（不少于 ${MIN_REASONED_NOTE} 字）；否则请选择“存在问题”。`}
                style={{ marginBottom: 8, padding: '6px 10px' }}
              />
            )}
            <Radio.Group
              aria-label={REVIEW_CHECK_LABELS[item]}
              value={f.finding}
              onChange={(e) => set(item, { finding: e.target.value as ReviewFinding })}
              optionType="button"
              buttonStyle="solid"
              size="small"
              options={REVIEW_FINDINGS.map((v) => ({ value: v, label: REVIEW_FINDING_LABELS[v] }))}
            />
            <Input.TextArea
              aria-label={`${REVIEW_CHECK_LABELS[item]}：说明`}
              value={f.note}
              onChange={(e) => set(item, { note: e.target.value })}
              autoSize={{ minRows: 1, maxRows: 6 }}
              maxLength={1000}
              placeholder={
                f.finding === 'problem'
                  ? '写明具体问题（必填）'
                  : isDiscretion && flag
                    ? `认定适当的理由（不少于 ${MIN_REASONED_NOTE} 字）`
                    : '说明（可选）'
              }
              status={error ? 'error' : undefined}
              style={{ marginTop: 6 }}
            />
            {error && <div style={{ color: '#cf1322', fontSize: 13, marginTop: 4 }}>{error}</div>}
          </div>
        );
      })}
      <div style={{ marginTop: 16 }}>
        <div style={{ fontWeight: 600, marginBottom: 6 }}>审核意见（S-1）</div>
        <Radio.Group
          aria-label="审核意见"
          value={opinion}
          onChange={(e) => setOpinion(e.target.value as ReviewOpinion)}
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          options={REVIEW_OPINIONS.map((o) => ({ value: o, label: REVIEW_OPINION_LABELS[o] }))}
        />
        {tried && !opinion && <div style={{ color: '#cf1322', fontSize: 13, marginTop: 4 }}>请选择审核意见</div>}
        {problemFor('opinion') && (
          <div style={{ color: '#cf1322', fontSize: 13, marginTop: 4 }}>{problemFor('opinion')}</div>
        )}
      </div>
      <div style={{ marginTop: 16 }}>
        <div style={{ fontWeight: 600, marginBottom: 6 }}>
          具体意见
          {opinion && opinion !== 'approve' && <span style={{ color: '#cf1322' }}> *</span>}
        </div>
        <Input.TextArea
          aria-label="具体意见"
          value={opinionNote}
          onChange={(e) => setOpinionNote(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={4000}
          showCount
          placeholder={opinion === 'approve' ? '可选' : '写明审核意见的具体内容和理由'}
          status={problemFor('opinionNote') ? 'error' : undefined}
        />
        {problemFor('opinionNote') && (
          <div style={{ color: '#cf1322', fontSize: 13, marginTop: 4 }}>{problemFor('opinionNote')}</div>
        )}
      </div>
      <div style={{ marginTop: 16 }} data-field="decidedOn">
        <ActDateField
          label="审核日期"
          value={actOn}
          onChange={(day) => {
            setActOn(day);
            if (dateError) setServerError(null);
          }}
          earliest={d.submittedOn}
          earliestWhat="送审"
          error={dateError}
        />
      </div>
      {tried && problems.length > 0 && (
        <Alert type="error" showIcon title={`尚有 ${problems.length} 处需要补充`} style={{ marginTop: 16 }} />
      )}
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
        <Button type="primary" icon={<AuditOutlined />} loading={busy} onClick={submit} block={compact}>
          出具审核意见
        </Button>
      </div>
    </Card>
  );
}

/** The decided review, read only: each finding, the opinion, and the issued 法制审核意见书. */
function DecisionView({ d }: { d: ReviewDetail }) {
  return (
    <Card
      title={
        <span>
          <AuditOutlined /> 审核意见
        </span>
      }
      extra={
        d.reviewerName && (
          <span style={{ color: MUTED, fontSize: 12 }}>
            {d.reviewerName} · {d.decidedOn}
          </span>
        )
      }
      data-card="decision"
    >
      <div style={{ marginBottom: 12 }} data-opinion={d.opinion ?? ''}>
        <Tag color={d.opinion === 'approve' ? 'success' : 'warning'} style={{ fontSize: 14, padding: '2px 10px' }}>
          {d.opinionLabel}
        </Tag>
      </div>
      {d.opinionNote && <div style={{ whiteSpace: 'pre-wrap', marginBottom: 12 }}>{d.opinionNote}</div>}
      {d.opinionInstrument && (
        <div style={{ marginBottom: 12 }}>
          <a
            href={`/api/instruments/${d.opinionInstrument.id}/pdf`}
            target="_blank"
            rel="noopener"
            aria-label="查看PDF：法制审核意见书"
            data-opinion-instrument={d.opinionInstrument.number}
          >
            <FilePdfOutlined /> 法制审核意见书 {d.opinionInstrument.number}
          </a>
        </div>
      )}
      {(d.findings ?? []).map((f, n) => (
        <div key={f.item} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }} data-check={f.item}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>
              {n + 1}. {REVIEW_CHECK_LABELS[f.item]}
            </span>
            <FindingTag finding={f.finding} />
          </div>
          {f.note && <div style={{ color: '#57606a', fontSize: 13, whiteSpace: 'pre-wrap' }}>{f.note}</div>}
        </div>
      ))}
    </Card>
  );
}

/** S-3: the disagreement and, once the head decides, the outcome; a head records it here. */
function CoordinationCard({ d, onDone }: { d: ReviewDetail; onDone(next: ReviewDetail): void }) {
  const { message } = App.useApp();
  const c = d.coordination;
  const [outcome, setOutcome] = useState<CoordinationOutcome | undefined>(undefined);
  const [note, setNote] = useState('');
  const [actOn, setActOn] = useState(todayDay);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  if (!c) return null;
  const record = async () => {
    setBusy(true);
    setError(null);
    setDateError(undefined);
    try {
      const next = await api.post<ReviewDetail>(`/api/reviews/${d.id}/coordinate`, {
        outcome,
        note: note.trim(),
        actOn: actOn.format('YYYY-MM-DD'),
      });
      message.success('协调结果已记录');
      onDone(next);
    } catch (err) {
      setError(errorMessage(err));
      setDateError(actOnError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="意见不一致的协调（S-3）" style={{ marginBottom: 16 }} data-card="coordination">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'by', label: '提出', children: `${c.requestedByName} · ${c.requestedOn}` },
          { key: 'reason', label: '异议理由', children: <div style={{ whiteSpace: 'pre-wrap' }}>{c.reason}</div> },
          ...(c.outcome
            ? [
                {
                  key: 'outcome',
                  label: '协调结果',
                  children: (
                    <strong data-coordination-outcome={c.outcome}>
                      {c.outcomeLabel ?? COORDINATION_OUTCOME_LABELS[c.outcome]}
                    </strong>
                  ),
                },
                { key: 'note', label: '说明', children: <div style={{ whiteSpace: 'pre-wrap' }}>{c.note || '—'}</div> },
                { key: 'head', label: '负责人', children: `${c.headName ?? ''} · ${c.decidedOn ?? ''}` },
              ]
            : []),
        ]}
      />
      {!c.outcome && d.canCoordinate && (
        <div style={{ marginTop: 12 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Radio.Group
            aria-label="协调结果"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as CoordinationOutcome)}
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            options={COORDINATION_OUTCOMES.map((o) => ({ value: o, label: COORDINATION_OUTCOME_LABELS[o] }))}
          />
          <Input.TextArea
            aria-label="协调说明"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            placeholder="协调经过和理由"
            style={{ marginTop: 8, marginBottom: 12 }}
          />
          <ActDateField
            label="协调日期"
            value={actOn}
            onChange={(day) => {
              setActOn(day);
              setDateError(undefined);
            }}
            earliest={c.requestedOn}
            earliestWhat="提出异议"
            error={dateError}
          />
          <Button
            type="primary"
            loading={busy}
            disabled={!outcome || note.trim().length === 0}
            onClick={() => void record()}
          >
            记录协调结果
          </Button>
        </div>
      )}
      {!c.outcome && !d.canCoordinate && <div style={{ color: MUTED, marginTop: 8 }}>待负责人协调</div>}
    </Card>
  );
}

/** A head gives a pending review to another reviewer; ineligible ones are greyed out with why. */
function AssignModal({ d, onClose, onDone }: { d: ReviewDetail; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const view = useFetch<CaseReviewView>(`/api/cases/${d.caseId}/review`);
  const [reviewer, setReviewer] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const assign = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ReviewSummary>(`/api/reviews/${d.id}/assign`, { reviewerUserId: reviewer });
      message.success(`已改由${r.reviewerName ?? '所选人员'}审核`);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="指定审核人员"
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: !reviewer }}
      confirmLoading={busy}
      onOk={() => void assign()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {view.error && <Alert type="error" showIcon title={view.error} style={{ marginBottom: 12 }} />}
      <Select
        aria-label="审核人员"
        style={{ width: '100%' }}
        loading={view.loading}
        placeholder="选择审核人员"
        value={reviewer}
        onChange={(v: number) => setReviewer(v)}
        options={(view.data?.candidates ?? []).map((c) => ({
          value: c.userId,
          label: c.name,
          disabled: !c.eligible || c.userId === d.reviewerUserId,
          reason: c.userId === d.reviewerUserId ? '当前审核人员' : c.reason,
        }))}
        optionRender={(o) => (
          <div style={{ whiteSpace: 'normal' }}>
            {o.label}
            {o.data.reason && (
              <div style={{ fontSize: 12, color: o.data.disabled ? '#cf1322' : MUTED }}>{o.data.reason}</div>
            )}
          </div>
        )}
      />
    </Modal>
  );
}

/**
 * 法制审核工作台 for one submission: the case as submitted on the left (with what changed since the last round), the
 * G-7 checklist and the S-1 opinion on the right; read only once decided. The head coordinates a dispute (S-3) and
 * may reassign a pending review. Stacked on a phone, materials first.
 */
export default function ReviewWorkspacePage() {
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const fetched = useFetch<ReviewDetail>(`/api/reviews/${id}`);
  const [d, setD] = useState<ReviewDetail | undefined>(undefined);
  const [assigning, setAssigning] = useState(false);
  const [disputing, setDisputing] = useState(false);
  useEffect(() => {
    if (fetched.data) setD(fetched.data);
  }, [fetched.data]);
  const isHead = hasRole(me.roles, 'head');

  if (!d && fetched.loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!d) {
    return (
      <Result
        status="404"
        title="未找到该法制审核"
        subTitle={fetched.error ?? undefined}
        extra={<Button onClick={() => navigate('/reviews')}>返回法制审核</Button>}
      />
    );
  }

  const decided = d.findings !== null && d.opinion !== null;
  const right = (
    <>
      {d.coordination && <CoordinationCard d={d} onDone={setD} />}
      {d.status === 'pending' && d.canDecide && <DecisionForm key={d.id} d={d} onDecided={setD} />}
      {d.status === 'pending' && !d.canDecide && (
        <Card title="审核清单（G-7）" data-card="waiting">
          <div style={{ color: MUTED }}>
            {d.reviewerName ? `待 ${d.reviewerName} 审核` : '尚未分配审核人员'}，审核期限至 {d.dueOn}
          </div>
        </Card>
      )}
      {decided && <DecisionView d={d} />}
      {d.canDispute && (
        <Card size="small" style={{ marginTop: 16 }}>
          <Space wrap>
            <span>不同意审核意见的，可以提出异议，由负责人协调（S-3）。</span>
            <Button danger onClick={() => setDisputing(true)}>
              提出异议
            </Button>
          </Space>
        </Card>
      )}
    </>
  );

  return (
    <>
      <PageHeading
        title={`法制审核：${d.caseTitle}`}
        sub={
          <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: '2px 8px' }}>
            <span>{d.caseNo}</span>
            <span>第 {d.round} 次送审</span>
            <ReviewStatusTag status={d.status} />
            <span>
              审核期限 <DueOn dueOn={d.dueOn} overdue={d.overdue} open={d.status === 'pending'} />
            </span>
            {d.reviewerName && <span>审核人员 {d.reviewerName}</span>}
          </span>
        }
        extra={
          <>
            {(d.canAssign ?? (isHead && d.status === 'pending')) && (
              <Button onClick={() => setAssigning(true)}>指定审核人员</Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
          </>
        }
      />
      {fetched.error && <Alert type="error" showIcon title={fetched.error} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 0]}>
        <Col xs={24} lg={13} data-column="materials">
          <CaseMaterials d={d} />
        </Col>
        <Col xs={24} lg={11} data-column="review">
          {right}
        </Col>
      </Row>
      {assigning && (
        <AssignModal
          d={d}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false);
            fetched.reload();
          }}
        />
      )}
      {disputing && (
        <DisputeModal
          reviewId={d.id}
          round={d.round}
          decidedOn={d.decidedOn}
          onClose={() => setDisputing(false)}
          onDone={(next) => {
            setDisputing(false);
            setD(next);
          }}
        />
      )}
    </>
  );
}
