import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { SessionProvider } from './auth/SessionContext';
import { theme } from './theme';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// Kept small on purpose: the login page loads only this, React, the router and antd's core.
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </ConfigProvider>
  </StrictMode>,
);
