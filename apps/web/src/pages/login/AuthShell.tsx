import type { ReactNode } from 'react';
import { BRAND } from '../../theme';

/** The frame of the login and password pages: brand on top, one white panel. */
export function AuthShell({ subtitle, children }: { subtitle: string; children: ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #1f4e9c 0%, #2f6fd0 45%, #eef3fb 45.1%, #f5f7fa 100%)',
      }}
    >
      <main style={{ width: '100%', maxWidth: 440 }}>
        <header style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
          <h1 style={{ margin: 0, fontSize: 22, letterSpacing: 1, fontWeight: 600, lineHeight: 1.5 }}>
            {BRAND.short} · {BRAND.full}
          </h1>
        </header>
        <section
          style={{
            background: '#fff',
            borderRadius: 10,
            padding: '28px 28px 24px',
            boxShadow: '0 8px 32px rgba(15, 40, 90, 0.18)',
          }}
        >
          <p style={{ marginTop: 0, marginBottom: 20, color: '#57606a' }}>{subtitle}</p>
          {children}
        </section>
        <footer style={{ textAlign: 'center', color: '#8c96a3', fontSize: 12, marginTop: 24 }}>
          行政执法公示制度 · 执法全过程记录制度 · 重大执法决定法制审核制度
        </footer>
      </main>
    </div>
  );
}
