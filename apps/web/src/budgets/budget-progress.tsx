/**
 * One budget's period as a person reads it: what it is for and when, a bar of what is spent with
 * a mark where an even pace would be today, and the same in words — "$312.00 of $400.00 · 78.0%",
 * the pace, what is left per day and the health — so nothing depends on telling colours apart
 * (the bar of a budget over is also hatched). The name opens the transactions it sums.
 */
import type { BudgetHealth, BudgetStatus } from '@outlay/contracts';
import { Link } from 'wouter';
import type { Formatters } from '../lib/format.ts';

export const HEALTH_LABELS: Record<BudgetHealth, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  over: 'Over',
};

/** "$312.00 of $400.00 · 78.0%": spent against what the period allows (amount + rollover). */
export function progressText(status: BudgetStatus, format: Formatters): string {
  const allowance = status.amountMinor + status.rolloverMinor;
  const share = allowance > 0 ? ` · ${format.percent(status.spentMinor / allowance)}` : '';
  return `${format.money(status.spentMinor)} of ${format.money(allowance)}${share}`;
}

/** The rest in words: over by how much, or what is left per day, and the pace. */
export function remainingText(status: BudgetStatus, format: Formatters): string {
  if (status.availableMinor < 0) return `Over by ${format.money(-status.availableMinor)}`;
  if (status.remainingPerDayMinor === null) {
    return `${format.money(status.availableMinor)} was left at the end`;
  }
  const daysLeft = status.days - status.elapsedDays + (status.elapsedDays > 0 ? 1 : 0);
  return `${format.money(status.availableMinor)} left · ${format.money(status.remainingPerDayMinor)} a day for ${format.countOf(daysLeft, 'day')}`;
}

export function BudgetProgress({
  status,
  href,
  format,
  onEdit,
}: {
  status: BudgetStatus;
  href: string;
  format: Formatters;
  onEdit: () => void;
}) {
  const { budget } = status;
  const allowance = Math.max(0, status.amountMinor + status.rolloverMinor);
  const clamp = (share: number) => Math.min(100, Math.max(0, share * 100));
  const filled =
    allowance > 0 ? clamp(status.spentMinor / allowance) : status.spentMinor > 0 ? 100 : 0;
  const pace = allowance > 0 ? clamp(status.paceMinor / allowance) : 0;
  const inProgress = status.elapsedDays > 0 && status.elapsedDays < status.days;
  const carried =
    status.rolloverMinor > 0
      ? `Includes ${format.money(status.rolloverMinor)} carried over`
      : status.rolloverMinor < 0
        ? `Less ${format.money(-status.rolloverMinor)} overspent before`
        : null;
  return (
    <li className={`budget-row is-${status.health}`} data-budget={budget.name}>
      <div className="budget-head">
        <Link href={href} className="budget-name">
          {budget.name}
          {budget.groupId !== null && <span className="muted"> (group)</span>}
          <span className="visually-hidden">: show its transactions</span>
        </Link>
        <span className="budget-when muted">
          {budget.period === 'weekly' ? 'Week of ' : ''}
          {budget.period === 'weekly'
            ? format.range(status.from, status.to)
            : format.month(status.from)}
        </span>
        {budget.archived && <span className="badge">Archived</span>}
        <span className={`badge health health-${status.health}`} data-health={status.health}>
          {HEALTH_LABELS[status.health]}
        </span>
        <button type="button" className="button ghost small" onClick={onEdit}>
          Edit<span className="visually-hidden"> the {budget.name} budget</span>
        </button>
      </div>
      <div className="budget-bar" aria-hidden="true">
        <div className="budget-fill" style={{ width: `${filled}%` }} />
        {inProgress && <div className="budget-pace" style={{ left: `${pace}%` }} />}
      </div>
      <p className="budget-figures">
        <strong data-progress>{progressText(status, format)}</strong>
        <span>{remainingText(status, format)}</span>
        {inProgress && (
          <span data-pace>
            Pace mark: {format.money(status.paceMinor)} by today at an even rate
          </span>
        )}
        {carried && <span>{carried}</span>}
      </p>
    </li>
  );
}
