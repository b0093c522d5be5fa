import { App, Button, Space } from 'antd';
import { useState } from 'react';

/** Entries of a draft that differ from the version it is compared with, by code. */
export type Marks = Map<string, '新增' | '已修改'>;

export function changeMarks<E extends { code: string }>(before: E[], after: E[]): Marks {
  const was = new Map(before.map((e) => [e.code, JSON.stringify(e)]));
  const marks: Marks = new Map();
  for (const e of after) {
    const old = was.get(e.code);
    if (old === undefined) marks.set(e.code, '新增');
    else if (old !== JSON.stringify(e)) marks.set(e.code, '已修改');
  }
  return marks;
}

/**
 * A list's draft while it is edited: the entries shown (the draft, else `base`), whether it differs from `base`,
 * the entry being edited in a dialog, and the confirmations to drop the draft or one entry.
 */
export function useListDraft<E extends { code: string }>(base: E[], texts: { discard: string; remove: string }) {
  const { modal } = App.useApp();
  const [draft, setDraft] = useState<E[] | null>(null);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const entries = draft ?? base;
  const changed = draft !== null && JSON.stringify(draft) !== JSON.stringify(base);

  const discard = () => {
    if (!changed) {
      setDraft(null);
      return;
    }
    modal.confirm({
      title: '放弃修改？',
      content: texts.discard,
      okText: '放弃修改',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: () => setDraft(null),
    });
  };
  const remove = (index: number) => {
    const entry = entries[index];
    modal.confirm({
      title: `删除“${entry?.code ?? ''}”？`,
      content: texts.remove,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => setDraft(entries.filter((_, i) => i !== index)),
    });
  };
  /** 编辑 and 删除 of a row, while there is a draft. */
  const actions = draft
    ? (entry: E) => {
        const index = entries.indexOf(entry);
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing({ index })}>
              编辑
            </Button>
            <Button type="link" size="small" danger onClick={() => remove(index)}>
              删除
            </Button>
          </Space>
        );
      }
    : undefined;
  /** The edited (or new) entry goes into the draft. */
  const done = (entry: E) => {
    const index = editing?.index ?? null;
    setDraft(index === null ? [...entries, entry] : entries.map((e, i) => (i === index ? entry : e)));
    setEditing(null);
  };
  const editingEntry = editing && editing.index !== null ? entries[editing.index] : undefined;
  const otherCodes = entries.filter((_, i) => i !== editing?.index).map((e) => e.code);

  return { draft, setDraft, entries, changed, editing, setEditing, editingEntry, otherCodes, discard, actions, done };
}
