import { DEADLINE_RULES } from '../calendar/deadlines.js';
import { INSTRUMENT_CATALOG } from '../instruments/instrumentCatalog.js';
import { ROLE_LABELS } from '../registry/vocabulary.js';
import { WORKFLOWS } from './workflows.js';
import type { DeadlineKind } from './workflowTypes.js';

const deadlineText = (k: DeadlineKind) =>
  k === 'rectification' ? '整改期限（执法人员确定）' : DEADLINE_RULES[k].label;

/** docs/workflows.md, generated from the definitions so that the docs cannot drift from the code. */
export function workflowsMarkdown(): string {
  const out = [
    '# 办案流程（由 packages/domain/src/workflows 的定义生成，请勿手工编辑）',
    '',
    '运行 `npm run docs:workflows` 重新生成；单元测试会检查本文件与定义一致。',
    '',
  ];
  for (const w of Object.values(WORKFLOWS)) {
    out.push(`## ${w.name}（\`${w.id}\`）`, '', `依据：${w.basis}`, '');
    out.push(`状态：${w.states.map((s) => `${s.label}（\`${s.id}\`）`).join(' → ')}`, '');
    out.push('| 环节 | 办理人 | 从 → 到 | 文书 | 规则 | 期限 | 音像记录 |', '|---|---|---|---|---|---|---|');
    for (const s of w.steps) {
      const label = (id: string) => w.states.find((x) => x.id === id)?.label ?? id;
      const docs = [
        ...(s.drafts ?? []).map((t) => `${INSTRUMENT_CATALOG[t].name}（拟）`),
        ...(s.instruments ?? []).map((t) => INSTRUMENT_CATALOG[t].name),
      ];
      const deadlines = [
        ...(s.opens ?? []).map((k) => `起算：${deadlineText(k)}`),
        ...(s.meets ?? []).map((k) => `完成：${deadlineText(k)}`),
      ];
      out.push(
        `| ${s.label}（\`${s.id}\`） | ${s.roles.map((r) => ROLE_LABELS[r]).join('、')} | ${s.from.map(label).join('、')} → ${
          s.to ? label(s.to) : '（不变）'
        } | ${docs.join('、') || '—'} | ${s.guards.join('、') || '—'} | ${deadlines.join('；') || '—'} | ${
          s.av === 'full' ? '全程记录' : s.av === 'asNeeded' ? '根据需要' : '—'
        } |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
