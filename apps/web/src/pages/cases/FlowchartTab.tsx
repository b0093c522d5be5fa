import type { ProcedureId } from '@sanxiang/domain';
import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';

const CURRENT_FILL = '#fff4e0';
const CURRENT_STROKE = '#d46b08';

/**
 * The flowchart comes from the workflow definition (GET /api/workflows/:procedure/flowchart.svg), the same drawing
 * the public portal shows. The state box whose label is the case's current state is outlined in orange; the edited
 * drawing is shown as an image (never inserted as markup).
 */
function highlight(svg: string, stateLabel: string): string {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  for (const text of Array.from(doc.querySelectorAll('text.stateLabel'))) {
    if (text.textContent !== stateLabel) continue;
    const rect = text.previousElementSibling;
    if (rect?.tagName === 'rect') {
      rect.setAttribute('style', `fill:${CURRENT_FILL};stroke:${CURRENT_STROKE};stroke-width:3`);
      text.setAttribute('style', 'font-weight:bold');
    }
  }
  return new XMLSerializer().serializeToString(doc);
}

export function FlowchartTab({ procedure, stateLabel }: { procedure: ProcedureId; stateLabel: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let objectUrl: string | null = null;
    const ctrl = new AbortController();
    fetch(`/api/workflows/${procedure}/flowchart.svg`, { signal: ctrl.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error('流程图加载失败');
        const svg = highlight(await res.text(), stateLabel);
        objectUrl = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        setUrl(objectUrl);
      })
      .catch((err: unknown) => {
        if ((err as Error).name !== 'AbortError') setError('流程图加载失败，请稍后重试');
      });
    return () => {
      ctrl.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [procedure, stateLabel]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!url) return <Spin />;
  return (
    <div>
      <p style={{ marginTop: 0, color: '#6b7280', fontSize: 13 }}>
        <span
          style={{
            display: 'inline-block',
            width: 14,
            height: 10,
            marginInlineEnd: 6,
            background: CURRENT_FILL,
            border: `2px solid ${CURRENT_STROKE}`,
            verticalAlign: 'middle',
          }}
        />
        当前所处环节：{stateLabel}。流程图由办案流程定义生成，与公示的执法流程图一致。
      </p>
      <div style={{ overflowX: 'auto' }}>
        <img src={url} alt={`执法流程图，当前环节：${stateLabel}`} style={{ maxWidth: 'none' }} />
      </div>
    </div>
  );
}
