/**
 * The app: providers, the session gate and the routes. Signed out, every URL but /register shows
 * the sign-in page in place, so a bookmarked dashboard link opens that exact view after signing
 * in. While a reload trades the refresh cookie for a session, a quiet "Loading" holds the page.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { AppShell } from './components/app-shell.tsx';
import { NoticesProvider } from './components/notices.tsx';
import { LedgerProvider } from './ledger/ledger-context.tsx';
import { FormattersProvider } from './lib/formatters-context.tsx';
import { sessionStore } from './lib/session.ts';
import { createQueryClient, createTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

// Only the dashboard and sign-in are needed to draw the first page: the rest load on first visit.
const TransactionsPage = lazy(() => import('./pages/transactions-page.tsx'));
const SettingsPage = lazy(() => import('./pages/settings-page.tsx'));
const RegisterPage = lazy(() => import('./pages/register-page.tsx'));
const CategoriesPage = lazy(() => import('./pages/categories-page.tsx'));
const AccountsPage = lazy(() => import('./pages/accounts-page.tsx'));
const HistoryPage = lazy(() => import('./pages/history-page.tsx'));
const ImportPage = lazy(() => import('./pages/import-page.tsx'));
const BudgetsPage = lazy(() => import('./pages/budgets-page.tsx'));
const UpcomingPage = lazy(() => import('./pages/upcoming-page.tsx'));

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <SessionGate />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

function SessionGate() {
  const { session, restoring, notice } = useSyncExternalStore(
    sessionStore.subscribe,
    sessionStore.getSnapshot,
  );
  const [location] = useLocation();
  if (restoring) return <Loading label="Loading Outlay…" />;
  if (!session) {
    return location === '/register' ? (
      <Suspense fallback={<Loading label="Loading…" />}>
        <RegisterPage />
      </Suspense>
    ) : (
      <SignInPage notice={notice} />
    );
  }
  return (
    <FormattersProvider currency={session.user.homeCurrency}>
      <NoticesProvider>
        <LedgerProvider>
          <AppShell user={session.user}>
            <Switch>
              <Route path="/">
                <DashboardPage />
              </Route>
              <Route path="/transactions">
                <Suspense fallback={<p className="page-loading">Loading transactions…</p>}>
                  <TransactionsPage />
                </Suspense>
              </Route>
              <Route path="/budgets">
                <Suspense fallback={<p className="page-loading">Loading budgets…</p>}>
                  <BudgetsPage />
                </Suspense>
              </Route>
              <Route path="/categories">
                <Suspense fallback={<p className="page-loading">Loading categories…</p>}>
                  <CategoriesPage />
                </Suspense>
              </Route>
              <Route path="/accounts">
                <Suspense fallback={<p className="page-loading">Loading accounts…</p>}>
                  <AccountsPage />
                </Suspense>
              </Route>
              <Route path="/upcoming">
                <Suspense fallback={<p className="page-loading">Loading upcoming bills…</p>}>
                  <UpcomingPage />
                </Suspense>
              </Route>
              <Route path="/import">
                <Suspense fallback={<p className="page-loading">Loading import…</p>}>
                  <ImportPage />
                </Suspense>
              </Route>
              <Route path="/history">
                <Suspense fallback={<p className="page-loading">Loading history…</p>}>
                  <HistoryPage />
                </Suspense>
              </Route>
              <Route path="/settings">
                <Suspense fallback={<p className="page-loading">Loading settings…</p>}>
                  <SettingsPage />
                </Suspense>
              </Route>
              <Route path="/register">
                <Redirect to="/" replace />
              </Route>
              <Route>
                <NotFoundPage />
              </Route>
            </Switch>
          </AppShell>
        </LedgerProvider>
      </NoticesProvider>
    </FormattersProvider>
  );
}

/** The whole-page wait: restoring a session, or fetching a signed-out page's code. */
function Loading({ label }: { label: string }) {
  return (
    <p className="page-loading restoring" role="status">
      {label}
    </p>
  );
}
