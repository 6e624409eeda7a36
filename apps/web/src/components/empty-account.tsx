/**
 * What a brand-new account sees instead of empty figures: that there is nothing yet, what each
 * page will show, and what the person can do now. `actions` is where the way to add the first
 * transaction goes once Outlay can record them.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { showDemoHint } from '../lib/demo.ts';
import './empty-account.css';

export function EmptyAccount({
  children,
  actions,
}: {
  /** What this page shows once there are transactions. */
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="panel welcome" aria-labelledby="welcome-title" data-empty-account>
      <h2 id="welcome-title">No transactions yet</h2>
      <p>There are no transactions in your account yet. {children}</p>
      {actions && <div className="form-actions">{actions}</div>}
      <p>
        Recording transactions and importing your bank’s files are coming to Outlay. Until then:
      </p>
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
