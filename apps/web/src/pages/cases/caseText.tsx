import { isTerminal, type ProcedureId, WORKFLOWS } from '@sanxiang/domain';
import { Tag } from 'antd';

/** One line under the procedure select: when the procedure applies, in the officer's words. */
export const PROCEDURE_HELP: Record<ProcedureId, string> = {
  'penalty.general':
    '立案、调查取证、事先告知、决定、送达、执行直至结案归档；立案须负责人批准，自立案之日起九十日内作出决定（P-60）',
  'penalty.summary':
    '违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告的，可以当场作出决定（P-51）',
  'coercion.seizure':
    '查封场所、设施或者财物，扣押财物；须经负责人批准，期限不超过三十日，情况紧急当场实施的二十四小时内补办批准（C-18、C-19、C-25）',
  inspection: '对检查对象开展现场检查；发现问题的责令限期整改并复查，未发现问题的办结',
};

/** Money is integer fen in the API (DESIGN.md principle 6); people read and type yuan. */
export const yuanToFen = (yuan: number | null | undefined): number => Math.round((yuan ?? 0) * 100);
export const fenToYuan = (fen: number | null | undefined): number => (fen ?? 0) / 100;

/** Steps waiting for a head are orange, terminal states grey, everything else in progress blue. */
export function StateTag({ procedure, state, label }: { procedure: ProcedureId; state: string; label: string }) {
  const waitsForHead = WORKFLOWS[procedure].steps.some(
    (s) => s.from.includes(state) && !s.branch && s.roles.every((r) => r === 'head'),
  );
  const color = isTerminal(procedure, state) ? 'default' : waitsForHead ? 'orange' : 'processing';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

/** State filter options: every state of the procedure, or of all procedures (one entry per code). */
export function stateOptions(procedure?: ProcedureId): { value: string; label: string }[] {
  const labels = new Map<string, string[]>();
  const procedures = procedure ? [procedure] : (Object.keys(WORKFLOWS) as ProcedureId[]);
  for (const p of procedures) {
    for (const s of WORKFLOWS[p].states) {
      const seen = labels.get(s.id) ?? [];
      if (!seen.includes(s.label)) seen.push(s.label);
      labels.set(s.id, seen);
    }
  }
  return [...labels].map(([value, l]) => ({ value, label: l.join('／') }));
}

/** 2026-09-01 style (the API's date strings pass through; null becomes a dash). */
export const dateText = (d: string | null | undefined): string => d ?? '—';
