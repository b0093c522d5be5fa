import {
  INSTRUMENT_CATALOG,
  type InstrumentType,
  type Penalty,
  PROCEDURE_LABELS,
  type ProcedureId,
  stateLabel,
  stepOf,
} from '@sanxiang/domain';
import type { ReactNode } from 'react';
import type { CaseDetail } from '../../api/caseTypes';
import type { LedgerEntry } from '../../api/types';
import type { EntryDescription } from '../ledger/TrailTimeline';
import { penaltyText } from './stepInputs';

const MUTED = '#57606a';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function Lines({ items }: { items: (ReactNode | null | false)[] }) {
  const shown = items.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, color: MUTED }}>
      {shown.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of lines per entry
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

const instrumentName = (type: unknown) => INSTRUMENT_CATALOG[type as InstrumentType]?.name ?? String(type);

/** A case step's ledger entry in the procedure's own words: 环节, states, date, officers, instruments, deadlines. */
function stepBody(c: CaseDetail, p: Record<string, unknown>): ReactNode {
  const officerName = (id: unknown) => c.officers.find((o) => o.officerId === id)?.name ?? `编号 ${String(id)}`;
  const input = isRecord(p.input) ? p.input : {};
  const officers = Array.isArray(p.officerIds) ? p.officerIds.map(officerName).join('、') : '';
  const instruments = Array.isArray(p.instruments) ? p.instruments.filter(isRecord) : [];
  const deadlines = isRecord(p.deadlines) ? p.deadlines : {};
  const opened = Array.isArray(deadlines.opened) ? deadlines.opened.filter(isRecord) : [];
  const warnings = Array.isArray(p.warnings) ? p.warnings.map(String) : [];
  const penalty = isRecord(input.penalty) ? (input.penalty as unknown as Penalty) : null;
  const from = stateLabel(c.procedure, str(p.from));
  const to = stateLabel(c.procedure, str(p.to));
  return (
    <Lines
      items={[
        <span key="state">
          {from === to ? `状态：${to}` : `${from} → ${to}`} · 办理日期 {str(p.actOn)}
        </span>,
        officers && `执法人员：${officers}`,
        penalty && penalty.kinds.length > 0 && `处罚内容：${penaltyText(penalty)}`,
        input.waiver === true && '当事人明确放弃陈述、申辩权利',
        isRecord(input.service) && `送达：${str(input.service.receivedOn)} 当事人收到`,
        isRecord(input.payment) && `缴款日期：${str(input.payment.paidOn)}`,
        str(input.outcome) && `处理结果：${str(input.outcome)}`,
        str(input.note) && `备注：${str(input.note)}`,
        ...instruments.map((i) => `文书：${instrumentName(i.type)} ${str(i.number)}`),
        ...opened.map(
          (d) =>
            `期限（${str(d.ruleId)}）：${str(d.start)} 起 ${String(d.days)} 个${d.count === 'working' ? '工作日' : '自然日'}，至 ${str(d.due)}`,
        ),
        ...warnings.map((w) => (
          <span key={w} style={{ color: '#ad6800' }}>
            警示：{w}
          </span>
        )),
      ]}
    />
  );
}

/** The case page's wording of its trail entries; other entries keep the default rendering. */
export function describeCaseEntry(c: CaseDetail): (e: LedgerEntry) => EntryDescription | undefined {
  return (e) => {
    const p = isRecord(e.payload) ? e.payload : {};
    switch (e.action) {
      case 'case.create': {
        const party = isRecord(p.party) ? str(p.party.name) : '';
        return {
          label: '登记案件',
          body: (
            <Lines
              items={[
                `案号：${str(p.caseNo)}`,
                `案由：${str(p.title)}`,
                `程序：${PROCEDURE_LABELS[p.procedure as ProcedureId] ?? str(p.procedure)}`,
                party && `当事人：${party}`,
                `线索登记日期：${str(p.leadOn)}`,
              ]}
            />
          ),
        };
      }
      case 'case.step':
        return { label: stepOf(c.procedure, str(p.step))?.label ?? str(p.step), body: stepBody(c, p) };
      case 'case.recusal': {
        const name = c.officers.find((o) => o.officerId === p.officerId)?.name ?? `编号 ${String(p.officerId)}`;
        return { label: '执法人员回避', body: <Lines items={[`${name}回避本案`, `理由：${str(p.reason)}`]} /> };
      }
      case 'instrument.correct':
        return {
          label: '更正文书',
          body: (
            <Lines
              items={[
                `${instrumentName(p.type)} ${str(p.number)} 更正为第 ${String(p.version)} 版`,
                `更正理由：${str(p.reason)}`,
              ]}
            />
          ),
        };
      case 'file.upload':
        return {
          label: p.kind === 'av' ? '上传音像记录' : '上传证据材料',
          body: <Lines items={[`文件：${str(p.name)}`, str(p.sm3) && <code>SM3 {str(p.sm3).slice(0, 16)}…</code>]} />,
        };
      case 'file.view':
        return { label: '调阅文件', body: <Lines items={[`文件：${str(p.name)}`, `事由：${str(p.reason)}`]} /> };
      default:
        return undefined;
    }
  };
}
