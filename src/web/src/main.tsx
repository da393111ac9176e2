import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Spin, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider } from './auth';
import { RequireAuth } from './RequireAuth';
import { AppLayout } from './components/AppLayout';
import { TrainingBanner } from './components/TrainingBanner';
import { ROUTES, pageOf } from './routes';

import './app.css';

dayjs.locale('zh-cn');

/** The style nonce of this page (content security policy): antd writes its <style> elements with it. */
const cspNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

// Two helpers inside antd's rc components (scrollbar measuring, the modal's scroll lock) insert a
// <style> without passing a nonce. Styles our own scripts insert get this page's nonce; a <style>
// that arrives as markup still has none and stays blocked.
if (cspNonce) {
  for (const method of ['appendChild', 'insertBefore'] as const) {
    const original = Node.prototype[method] as (...args: unknown[]) => unknown;
    Node.prototype[method] = function (this: Node, ...args: unknown[]) {
      const node = args[0];
      if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = cspNonce;
      return original.apply(this, args);
    } as never;
  }
}

// People who ask their system for less motion get none (antd animates otherwise).
const reduceMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} csp={cspNonce ? { nonce: cspNonce } : undefined} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1f5fbf', motion: !reduceMotion } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <TrainingBanner />
              <Suspense fallback={<Spin style={{ margin: 80 }} />}>
                <Routes>
                  {ROUTES.filter((r) => r.area === 'public').map((r) => { const Page = pageOf(r); return <Route key={r.path} path={r.path} element={<Page />} />; })}
                  <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                    {ROUTES.filter((r) => r.area === 'staff').map((r) => { const Page = pageOf(r); return r.path === '' ? <Route key="" index element={<Page />} /> : <Route key={r.path} path={r.path} element={<Page />} />; })}
                  </Route>
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Routes>
              </Suspense>
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
