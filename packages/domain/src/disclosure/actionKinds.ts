/**
 * 执法行为类别 (GLOSSARY `actionKind`): the kinds of enforcement power an agency holds, as its
 * 权责清单 lists them and as the 行政执法统计年报 (G-4) reports them. The order is the report's.
 * 征收 and 征用 are reported apart, so they are two kinds here.
 */
export const ACTION_KINDS = [
  'penalty',
  'license',
  'coercion',
  'inspection',
  'levy',
  'requisition',
  'adjudication',
  'confirmation',
  'reward',
  'benefit',
  'other',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  penalty: '行政处罚',
  license: '行政许可',
  coercion: '行政强制',
  inspection: '行政检查',
  levy: '行政征收',
  requisition: '行政征用',
  adjudication: '行政裁决',
  confirmation: '行政确认',
  reward: '行政奖励',
  benefit: '行政给付',
  other: '其他行政执法行为',
};

/** The kind named by a Chinese label as people write it in Excel (行政处罚 / 处罚 …), or undefined. */
export function actionKindOf(label: string): ActionKind | undefined {
  const t = label.trim();
  for (const kind of ACTION_KINDS) {
    const full = ACTION_KIND_LABELS[kind];
    if (t === full || t === full.replace(/^行政/, '') || t === kind) return kind;
  }
  return undefined;
}
