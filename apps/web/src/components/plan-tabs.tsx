/**
 * The planning views, as tabs over both pages: what falls due, the bills behind it, and the
 * budgets. Each is its own address, so a tab can be linked to and survives a reload.
 */
import { Link } from 'wouter';
import './plan-tabs.css';

const TABS = [
  { id: 'upcoming', href: '/upcoming', label: 'Due items' },
  { id: 'bills', href: '/upcoming?tab=bills', label: 'Bills' },
  { id: 'budgets', href: '/budgets', label: 'Budgets' },
] as const;

export type PlanTab = (typeof TABS)[number]['id'];

export function PlanTabs({ current }: { current: PlanTab }) {
  return (
    <nav className="tabs" aria-label="Planning views">
      {TABS.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          className="tab"
          aria-current={current === tab.id ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
