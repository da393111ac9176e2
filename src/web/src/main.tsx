import { StrictMode, Suspense, lazy } from 'react';
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

// One module per screen, loaded when first opened.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const RegionsPage = lazy(() => import('./pages/RegionsPage'));
const SubjectsPage = lazy(() => import('./pages/SubjectsPage'));
const SubjectDetailPage = lazy(() => import('./pages/SubjectDetailPage'));
const ProjectsPage = lazy(() => import('./pages/ProjectsPage'));
const ProjectDetailPage = lazy(() => import('./pages/ProjectDetailPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const CreditExchangePage = lazy(() => import('./pages/CreditExchangePage'));
const BriefingPage = lazy(() => import('./pages/BriefingPage'));
const LoginLogPage = lazy(() => import('./pages/LoginLogPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));
const DeadlineCalculatorPage = lazy(() => import('./pages/DeadlineCalculatorPage'));
const DeadlinesPage = lazy(() => import('./pages/DeadlinesPage'));
const ObligationsPage = lazy(() => import('./pages/ObligationsPage'));
const PoliciesPage = lazy(() => import('./pages/PoliciesPage'));
const RatingsPage = lazy(() => import('./pages/RatingsPage'));
const CasesPage = lazy(() => import('./pages/CasesPage'));
const CaseDetailPage = lazy(() => import('./pages/CaseDetailPage'));
const PublicListPage = lazy(() => import('./pages/PublicListPage'));
const VetoPage = lazy(() => import('./pages/VetoPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const MisconductRecordsPage = lazy(() => import('./pages/MisconductRecordsPage'));
const PublicComplaintPage = lazy(() => import('./pages/PublicComplaintPage'));
const ComplaintsPage = lazy(() => import('./pages/ComplaintsPage'));
const SpotChecksPage = lazy(() => import('./pages/SpotChecksPage'));
const ApiClientsPage = lazy(() => import('./pages/ApiClientsPage'));

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
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/public" element={<PublicListPage />} />
                  <Route path="/public/complaint" element={<PublicComplaintPage />} />
                  <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                    <Route index element={<HomePage />} />
                    <Route path="regions" element={<RegionsPage />} />
                    <Route path="subjects" element={<SubjectsPage />} />
                    <Route path="subjects/:id" element={<SubjectDetailPage />} />
                    <Route path="projects" element={<ProjectsPage />} />
                    <Route path="projects/:id" element={<ProjectDetailPage />} />
                    <Route path="audit" element={<AuditPage />} />
                    <Route path="login-log" element={<LoginLogPage />} />
                    <Route path="users" element={<UsersPage />} />
                    <Route path="api-clients" element={<ApiClientsPage />} />
                    <Route path="credit-exchange" element={<CreditExchangePage />} />
                    <Route path="briefing" element={<BriefingPage />} />
                    <Route path="calendar" element={<CalendarPage />} />
                    <Route path="deadlines" element={<DeadlinesPage />} />
                    <Route path="obligations" element={<ObligationsPage />} />
                    <Route path="calculator" element={<DeadlineCalculatorPage />} />
                    <Route path="policies" element={<PoliciesPage />} />
                    <Route path="ratings" element={<RatingsPage />} />
                    <Route path="cases" element={<CasesPage />} />
                    <Route path="cases/:id" element={<CaseDetailPage />} />
                    <Route path="veto" element={<VetoPage />} />
                    <Route path="imports" element={<ImportPage />} />
                    <Route path="misconduct-records" element={<MisconductRecordsPage />} />
                    <Route path="complaints" element={<ComplaintsPage />} />
                    <Route path="spot-checks" element={<SpotChecksPage />} />
                    <Route path="account" element={<AccountPage />} />
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
