/**
 * The app: providers, the session gate and the routes. Signed out, every URL shows the sign-in
 * page in place, so a bookmarked dashboard link opens that exact view after signing in.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import { Route, Switch } from 'wouter';
import { AppShell } from './components/app-shell.tsx';
import { NoticesProvider } from './components/notices.tsx';
import { FormattersProvider } from './lib/formatters-context.tsx';
import { sessionStore } from './lib/session.ts';
import { createQueryClient, createTrpcClient, trpc } from './lib/trpc.ts';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

// The transactions view is not needed to draw the dashboard: it loads on first visit.
const TransactionsPage = lazy(() => import('./pages/transactions-page.tsx'));

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <SessionGate />
      </QueryClientProvider>
    </trpc.Provider>
  );
}

function SessionGate() {
  const { session, notice } = useSyncExternalStore(
    sessionStore.subscribe,
    sessionStore.getSnapshot,
  );
  if (!session) return <SignInPage notice={notice} />;
  return (
    <FormattersProvider currency={session.user.homeCurrency}>
      <NoticesProvider>
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
            <Route>
              <NotFoundPage />
            </Route>
          </Switch>
        </AppShell>
      </NoticesProvider>
    </FormattersProvider>
  );
}
