import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { regionChain, regionChildren } from '../api/regions';
import type { Region } from '../api/types';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

/** County codes (not ending in 00) have no children in GB/T 2260 at six digits. */
const toOption = (r: Region): Option => ({ value: r.code, label: r.name, isLeaf: !r.code.endsWith('00') });

function attach(options: Option[], path: string[], kids: Option[]): Option[] {
  const [head, ...rest] = path;
  return options.map((o) => {
    if (o.value !== head) return o;
    if (rest.length === 0) return { ...o, children: kids, isLeaf: kids.length === 0 };
    return { ...o, children: attach(o.children ?? [], rest, kids) };
  });
}

/**
 * Picks a 行政区划 code level by level (any level may be chosen: a justice bureau's region may
 * be a city). Works as a Form.Item control: `value` and `onChange` carry the six-digit code.
 */
export function RegionCascader({
  value,
  onChange,
  placeholder = '请选择行政区划',
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
}) {
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    (async () => {
      let opts = (await regionChildren(null)).map(toOption);
      const chain = value ? await regionChain(value) : [];
      // Load every level above the current value so the cascader can show its full path.
      for (let i = 0; i < chain.length; i++) {
        const r = chain[i] as Region;
        if (!toOption(r).isLeaf) {
          const kids = (await regionChildren(r.code)).map(toOption);
          opts = attach(
            opts,
            chain.slice(0, i + 1).map((c) => c.code),
            kids,
          );
        }
      }
      if (!live) return;
      setOptions(opts);
      setPath(chain.map((c) => c.code));
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    const kids = (await regionChildren(target.value)).map(toOption);
    setOptions((prev) =>
      attach(
        prev,
        selected.map((s) => s.value),
        kids,
      ),
    );
  };

  return (
    <Cascader<Option>
      options={options}
      value={path}
      loadData={loadData}
      changeOnSelect
      placeholder={placeholder}
      style={{ width: '100%' }}
      onChange={(v) => {
        const codes = (v ?? []) as string[];
        setPath(codes);
        onChange?.(codes[codes.length - 1]);
      }}
    />
  );
}
