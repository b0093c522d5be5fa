import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { FullPageSpin, RequireSession } from './auth/RequireSession';

// Every screen is its own chunk: the login page must not pull in tables and the console.
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const ChangePasswordPage = lazy(() => import('./pages/account/ChangePasswordPage'));
const ConsoleLayout = lazy(() => import('./layout/ConsoleLayout'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const AgencyListPage = lazy(() => import('./pages/agencies/AgencyListPage'));
const AgencyDetailPage = lazy(() => import('./pages/agencies/AgencyDetailPage'));
const OfficerListPage = lazy(() => import('./pages/officers/OfficerListPage'));
const OfficerDetailPage = lazy(() => import('./pages/officers/OfficerDetailPage'));
const UserListPage = lazy(() => import('./pages/users/UserListPage'));
const LedgerPage = lazy(() => import('./pages/ledger/LedgerPage'));
const AccessLogPage = lazy(() => import('./pages/ledger/AccessLogPage'));
const CaseListPage = lazy(() => import('./pages/cases/CaseListPage'));
const CaseCreatePage = lazy(() => import('./pages/cases/CaseCreatePage'));
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage'));
const CalendarPage = lazy(() => import('./pages/settings/CalendarPage'));
const ReviewQueuePage = lazy(() => import('./pages/review/ReviewQueuePage'));
const ReviewWorkspacePage = lazy(() => import('./pages/review/ReviewWorkspacePage'));
const ReviewListsPage = lazy(() => import('./pages/review/ReviewListsPage'));
const DisclosureTasksPage = lazy(() => import('./pages/disclosure/DisclosureTasksPage'));
const DisclosureDetailPage = lazy(() => import('./pages/disclosure/DisclosureDetailPage'));
const PublicListsPage = lazy(() => import('./pages/disclosure/PublicListsPage'));
const AnnualReportsPage = lazy(() => import('./pages/statistics/AnnualReportsPage'));
const AnnualReportDetailPage = lazy(() => import('./pages/statistics/AnnualReportDetailPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export function App() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/password"
          element={
            <RequireSession allowPendingPassword>
              <ChangePasswordPage />
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireSession>
              <ConsoleLayout />
            </RequireSession>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="agencies" element={<AgencyListPage />} />
          <Route path="agencies/:id" element={<AgencyDetailPage />} />
          <Route path="officers" element={<OfficerListPage />} />
          <Route path="officers/:id" element={<OfficerDetailPage />} />
          <Route path="cases" element={<CaseListPage />} />
          <Route path="cases/new" element={<CaseCreatePage />} />
          <Route path="cases/:id" element={<CaseDetailPage />} />
          <Route path="reviews" element={<ReviewQueuePage />} />
          <Route path="reviews/:id" element={<ReviewWorkspacePage />} />
          <Route path="review/lists" element={<ReviewListsPage />} />
          <Route path="disclosures" element={<DisclosureTasksPage />} />
          <Route path="disclosures/:id" element={<DisclosureDetailPage />} />
          <Route path="public-lists" element={<PublicListsPage />} />
          <Route path="statistics" element={<AnnualReportsPage />} />
          <Route path="statistics/:id" element={<AnnualReportDetailPage />} />
          <Route path="calendar" element={<CalendarPage />} />
          <Route path="users" element={<UserListPage />} />
          <Route path="ledger" element={<LedgerPage />} />
          <Route path="access-log" element={<AccessLogPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
