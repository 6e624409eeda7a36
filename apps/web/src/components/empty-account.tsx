/**
 * What a brand-new account sees instead of empty figures: that there is nothing yet, what each
 * page will show, and what the person can do now: add the first transaction (quick entry).
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useLedger } from '../ledger/ledger-context.tsx';
import { showDemoHint } from '../lib/demo.ts';
import './empty-account.css';

export function EmptyAccount({
  children,
}: {
  /** What this page shows once there are transactions. */
  children: ReactNode;
}) {
  const { openQuickEntry } = useLedger();
  return (
    <section className="panel welcome" aria-labelledby="welcome-title" data-empty-account>
      <h2 id="welcome-title">No transactions yet</h2>
      <p>There are no transactions in your account yet. {children}</p>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={openQuickEntry}>
          Add your first transaction
        </button>
      </div>
      <p className="muted">
        Press <kbd>n</kbd> anywhere to add one, Enter to save it and start the next. Importing your
        bank’s files is coming to Outlay.
      </p>
      <p>Meanwhile:</p>
      <ul className="next-steps">
        {showDemoHint && (
          <li>
            See what Outlay shows with two years of spending: sign out and choose one of the demo
            logins.
          </li>
        )}
        <li>
          Make your account harder to take over:{' '}
          <Link href="/settings#two-factor">turn on two-factor authentication</Link>.
        </li>
      </ul>
    </section>
  );
}
