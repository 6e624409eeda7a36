/**
 * The frame of every signed-in page: skip link, header with navigation, the person's name (a link
 * to account settings) and sign-out, main.
 */
import type { User } from '@outlay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { sessionStore } from '../lib/session.ts';
import { useToday } from '../lib/use-view-state.ts';
import { dashboardSearch, parseViewSearch, transactionsSearch } from '../lib/view-state.ts';
import { useTRPC } from '../lib/trpc.ts';
import { NoticeList } from './notices.tsx';
import { useLedger } from '../ledger/ledger-context.tsx';
import './app-shell.css';

export function AppShell({ user, children }: { user: User; children: ReactNode }) {
  const [location, navigate] = useLocation();
  const search = useSearch();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ meta: { skipSessionCheck: true } }),
  );
  const [signingOut, setSigningOut] = useState(false);
  const today = useToday();
  const { openQuickEntry } = useLedger();
  const { state } = useMemo(() => parseViewSearch(search, today), [search, today]);
  // The badge: bills overdue or due within a week (the counts cover every date; the range is
  // today's alone, so the answer stays small).
  const due = useQuery(
    trpc.dueItems.list.queryOptions({ from: today, to: today }, { staleTime: 60_000 }),
  );
  const dueCount = (due.data?.overdueCount ?? 0) + (due.data?.dueSoonCount ?? 0);

  async function signOut() {
    setSigningOut(true);
    try {
      // Revoke the session on the server first, so the token stops working everywhere.
      await logout.mutateAsync();
    } catch {
      // Signed out here regardless; the token expires on its own.
    }
    navigate('/', { replace: true });
    sessionStore.end('signed-out');
    queryClient.clear();
  }

  // Moving between the views keeps the filters.
  // Planning is one item: its pages (due items, bills, budgets) are tabs of one another.
  const nav: {
    href: string;
    label: string;
    search: string;
    count?: number;
    also?: readonly string[];
  }[] = [
    { href: '/', label: 'Dashboard', search: dashboardSearch(state) },
    { href: '/transactions', label: 'Transactions', search: transactionsSearch(state) },
    { href: '/upcoming', label: 'Plan', search: '', count: dueCount, also: ['/budgets'] },
    { href: '/categories', label: 'Categories', search: '' },
    { href: '/accounts', label: 'Accounts', search: '' },
    { href: '/import', label: 'Import', search: '' },
    { href: '/history', label: 'History', search: '' },
  ];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href={`/${nav[0]!.search}`} className="brand" aria-label="Outlay, dashboard">
            <Logo />
            <span>Outlay</span>
          </Link>
          <nav aria-label="Main" className="mainnav">
            {nav.map((item) => (
              <Link
                key={item.href}
                href={`${item.href}${item.search}`}
                className="nav-link"
                aria-current={
                  location === item.href || item.also?.includes(location) ? 'page' : undefined
                }
              >
                {item.label}
                {item.count ? (
                  <span className="nav-count" data-due-count={item.count}>
                    {item.count}
                    <span className="visually-hidden"> bills overdue or due this week</span>
                  </span>
                ) : null}
              </Link>
            ))}
          </nav>
          <div className="account">
            <button
              type="button"
              className="button primary small add-button"
              onClick={openQuickEntry}
              aria-keyshortcuts="n"
              title="Add a transaction (n)"
            >
              Add
            </button>
            <Link
              href="/settings"
              className="account-link"
              aria-current={location === '/settings' ? 'page' : undefined}
              title={`Account settings (${user.email})`}
            >
              <svg className="account-icon" viewBox="0 0 20 20" aria-hidden="true">
                <circle
                  cx="10"
                  cy="7"
                  r="3.25"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                />
                <path
                  d="M3.75 16.5c.9-2.9 3.3-4.5 6.25-4.5s5.35 1.6 6.25 4.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                  strokeLinecap="round"
                />
              </svg>
              <span className="account-name">{user.displayName}</span>
              <span className="visually-hidden">, account settings</span>
            </Link>
            <button
              type="button"
              className="button ghost small"
              onClick={() => void signOut()}
              disabled={signingOut}
            >
              {signingOut ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        <NoticeList />
        {children}
      </main>
      <footer className="footer">
        <p>Outlay · amounts in {user.homeCurrency}</p>
      </footer>
    </div>
  );
}

export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path
        d="M9 21.5 14 15l4 3.5 5-7"
        fill="none"
        stroke="var(--accent-contrast)"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
