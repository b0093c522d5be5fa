import type { ReactNode } from 'react';

/** The page's title (an h2, so browser tests and screen readers find it) and its actions. */
export function PageHeading({ title, extra, sub }: { title: string; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 12,
        marginBottom: 16,
      }}
    >
      <div>
        <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{title}</h2>
        {sub && <div style={{ color: '#6b7280', marginTop: 4 }}>{sub}</div>}
      </div>
      {extra && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div>}
    </div>
  );
}
