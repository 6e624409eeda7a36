/**
 * The dashboard's budgets card: how many budgets are on track, at risk and over this period
 * ("3 on track · 1 at risk · 1 over"), linking to the Budgets page; with none, an invitation to
 * set one. Quiet while loading and when the answer fails (the Budgets page says why).
 */
import { localIsoDate } from '@outlay/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { Panel } from '../components/page.tsx';
import { useTRPC } from '../lib/trpc.ts';
import './budgets.css';

export function BudgetsCard() {
  const trpc = useTRPC();
  const [today] = useState(localIsoDate);
  const status = useQuery(trpc.budgets.status.queryOptions({ today }));
  if (!status.data) return null;
  const { counts, budgets } = status.data;
  return (
    <Panel id="budgets-card" title="Budgets this period" className="budgets-card">
      {budgets.length === 0 ? (
        <p>
          <Link href="/budgets">Set a budget</Link> to see each week or month how much is left.
        </p>
      ) : (
        <p>
          <Link href="/budgets" data-budget-counts>
            <span className="health-on_track-text">{counts.on_track} on track</span> ·{' '}
            <span className="health-at_risk-text">{counts.at_risk} at risk</span> ·{' '}
            <span className="health-over-text">{counts.over} over</span>
          </Link>
        </p>
      )}
    </Panel>
  );
}
