import { ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@sanxiang/domain';
import { Alert, Button, Empty, Spin } from 'antd';
import type { NextStep } from '../../api/caseTypes';

const MUTED = '#6b7280';

/** "P-44 当事人陈述、申辩期限至…届满": the rule first, so the officer can look it up. */
function Reason({ ruleId, message }: { ruleId: string | null; message: string }) {
  return (
    <div style={{ color: '#cf1322', fontSize: 13, marginTop: 4 }}>
      <StopOutlined style={{ marginInlineEnd: 4 }} />
      {ruleId && <strong style={{ marginInlineEnd: 4 }}>{ruleId}</strong>}
      {message}
    </div>
  );
}

function StepItem({ step, onOpen, primary }: { step: NextStep; onOpen(s: NextStep): void; primary: boolean }) {
  return (
    <div data-step={step.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Button
        block
        type={step.allowed && primary ? 'primary' : 'default'}
        disabled={!step.allowed}
        onClick={() => onOpen(step)}
        style={{ justifyContent: 'flex-start', height: 'auto', minHeight: 36, whiteSpace: 'normal', textAlign: 'left' }}
      >
        {step.label}
        {step.toLabel && step.to && <span style={{ opacity: 0.75, fontSize: 12 }}>→ {step.toLabel}</span>}
      </Button>
      {step.help && <div style={{ color: MUTED, fontSize: 12, marginTop: 4 }}>{step.help}</div>}
      {step.blockedBy.map((b) => (
        <Reason key={`${b.ruleId}-${b.message}`} ruleId={b.ruleId} message={b.message} />
      ))}
      {step.warnings.map((w) => (
        <Alert
          key={`${w.ruleId}-${w.message}`}
          type="warning"
          showIcon
          icon={<ExclamationCircleOutlined />}
          title={
            <span>
              <strong style={{ marginInlineEnd: 4 }}>{w.ruleId}</strong>
              {w.message}
            </span>
          }
          style={{ marginTop: 6, padding: '4px 10px', fontSize: 13 }}
        />
      ))}
    </div>
  );
}

/**
 * 下一步: what the server says the case may do next (GET /api/cases/:id/next). Allowed steps are buttons; blocked ones
 * are greyed out with each reason and its rule; warnings are yellow. Side branches (延长期限, 移送 …) come after the main
 * path. Someone who does not handle cases (a supervisor) sees the same list as information, without buttons.
 */
export function NextStepsPanel({
  steps,
  loading,
  error,
  terminal,
  handles,
  onOpen,
}: {
  steps: NextStep[] | undefined;
  loading: boolean;
  error: string | null;
  terminal: boolean;
  handles: boolean;
  onOpen(step: NextStep): void;
}) {
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!steps) return loading ? <Spin /> : null;
  if (steps.length === 0) {
    return <Empty description={terminal ? '案件已办结，没有待办环节' : '当前没有可办理的环节'} />;
  }
  if (!handles) {
    return (
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {steps.map((s) => (
          <li key={s.id} style={{ marginBottom: 4 }}>
            {s.label}
            <span style={{ color: MUTED }}>（{s.roles.map((r) => ROLE_LABELS[r]).join('或')}办理）</span>
          </li>
        ))}
      </ul>
    );
  }
  const main = steps.filter((s) => !s.branch);
  const branches = steps.filter((s) => s.branch);
  return (
    <div>
      {main.map((s) => (
        <StepItem key={s.id} step={s} onOpen={onOpen} primary />
      ))}
      {branches.length > 0 && (
        <>
          <div style={{ color: MUTED, fontSize: 12, marginTop: main.length ? 12 : 0 }}>其他环节</div>
          {branches.map((s) => (
            <StepItem key={s.id} step={s} onOpen={onOpen} primary={false} />
          ))}
        </>
      )}
    </div>
  );
}
