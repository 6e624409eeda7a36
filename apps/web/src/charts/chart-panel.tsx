/**
 * The frame every chart sits in: a heading, a one-paragraph text summary, the chart itself as a
 * single keyboard stop (arrow keys move between marks, Enter opens the transactions behind one),
 * and the same numbers as a table behind "Show as table" for screen readers and keyboard users.
 */
import { useCallback, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import './charts.css';

interface ChartPanelProps {
  title: string;
  summary: ReactNode;
  actions?: ReactNode;
  table: ReactNode;
  className?: string;
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
  children,
  busy = false,
}: ChartPanelProps) {
  const titleId = useId();
  return (
    <section
      className={`panel chart-panel ${className ?? ''}`}
      aria-labelledby={titleId}
      aria-busy={busy}
    >
      <header className="panel-header">
        <h2 id={titleId}>{title}</h2>
        {actions}
      </header>
      <p className="chart-summary">{summary}</p>
      <div className={busy ? 'chart-body is-updating' : 'chart-body'}>{children}</div>
      <details className="chart-table">
        <summary>Show as table</summary>
        {table}
      </details>
    </section>
  );
}

/**
 * Keyboard and pointer focus on one mark of a chart. The chart element is one tab stop; arrows
 * move, Home/End jump, Enter or Space activates (drills down), Escape clears.
 */
export function useChartCursor(count: number, onActivate: (index: number) => void) {
  const [active, setActive] = useState<number | null>(null);
  const [fromKeyboard, setFromKeyboard] = useState(false);
  const current = active !== null && active < count ? active : null;

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (count === 0) return;
      let next: number;
      switch (event.key) {
        case 'ArrowRight':
        case 'ArrowDown':
          next = current === null ? 0 : Math.min(current + 1, count - 1);
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
          next = current === null ? count - 1 : Math.max(current - 1, 0);
          break;
        case 'Home':
          next = 0;
          break;
        case 'End':
          next = count - 1;
          break;
        case 'Enter':
        case ' ':
          if (current !== null) {
            event.preventDefault();
            onActivate(current);
          }
          return;
        case 'Escape':
          setActive(null);
          return;
        default:
          return;
      }
      event.preventDefault();
      setFromKeyboard(true);
      setActive(next);
    },
    [count, current, onActivate],
  );

  const hover = useCallback((index: number | null) => {
    setFromKeyboard(false);
    setActive(index);
  }, []);

  return {
    active: current,
    fromKeyboard,
    hover,
    keyboardProps: {
      tabIndex: 0,
      onKeyDown,
      onBlur: () => setActive(null),
    },
  };
}

/** Announces the focused mark to screen readers as the arrow keys move. */
export function LiveLabel({ text }: { text: string | null }) {
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {text ?? ''}
    </p>
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
