/**
 * The frame every chart sits in: a heading, a one-paragraph text summary, the chart itself as a
 * single keyboard stop (`ChartFocus`: arrow keys move between marks, Enter opens the transactions
 * behind one), and the same numbers as a table behind "Show as table" for screen readers and keyboard users.
 * Until the first answer the chart is a placeholder of its height; with nothing to draw it says so.
 */
import type { ReactNode } from 'react';
import { Panel } from '../components/page.tsx';
import './charts.css';

interface ChartPanelProps {
  title: string;
  summary: ReactNode;
  actions?: ReactNode;
  table: ReactNode;
  className?: string;
  /** False until the first answer arrives: a placeholder `placeholderHeight` tall stands in. */
  loaded: boolean;
  placeholderHeight: number;
  /** Nothing to draw: the chart says so instead. */
  empty: boolean;
  children: ReactNode;
  /** Set while newer numbers are loading: the old ones stay visible, slightly dimmed. */
  busy?: boolean;
}

export function ChartPanel({
  title,
  summary,
  actions,
  table,
  className,
  loaded,
  placeholderHeight,
  empty,
  children,
  busy = false,
}: ChartPanelProps) {
  return (
    <Panel
      className={className ? `chart-panel ${className}` : 'chart-panel'}
      title={title}
      aside={actions}
      busy={busy}
    >
      <p className="chart-summary">{summary}</p>
      <div className={busy ? 'chart-body is-updating' : 'chart-body'}>
        {!loaded ? (
          <div
            className="chart-skeleton"
            style={{ height: placeholderHeight }}
            aria-hidden="true"
          />
        ) : empty ? (
          <p className="chart-empty">No spending in this view.</p>
        ) : (
          children
        )}
      </div>
      <details className="chart-table">
        <summary>Show as table</summary>
        {table}
      </details>
    </Panel>
  );
}

/**
 * A chart's choice of view (group by day/week/month; by category or group): radio buttons drawn
 * as a segmented control, so the arrow keys move between them. A choice can be disabled with a
 * note read to screen readers saying why.
 */
export function SegmentedChoice<T extends string>({
  label,
  name,
  value,
  choices,
  onChange,
}: {
  label: string;
  name: string;
  value: T;
  choices: readonly { value: T; label: string; disabledNote?: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {choices.map((choice) => (
        <label
          key={choice.value}
          className={value === choice.value ? 'segment is-selected' : 'segment'}
        >
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            disabled={choice.disabledNote !== undefined}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
          {choice.disabledNote !== undefined && (
            <span className="visually-hidden"> ({choice.disabledNote})</span>
          )}
        </label>
      ))}
    </div>
  );
}
