/**
 * A page's heading: its title, a line under it, and something at its side. `ViewHeading` is the
 * one for views of the data (the period they cover in words, and a quiet "Updating…").
 */
import type { ReactNode } from 'react';
import { PRESET_LABELS } from '../lib/preset-labels.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import type { ViewState } from '../lib/view-state.ts';
import './view-heading.css';

export function ViewHeading({
  title,
  state,
  updating,
}: {
  title: string;
  state: ViewState;
  updating: boolean;
}) {
  const format = useFormatters();
  const { from, to } = state.filter;
  let period: string;
  if (from && to) period = format.range(from, to);
  else if (from) period = `Since ${format.date(from)}`;
  else if (to) period = `Until ${format.date(to)}`;
  else period = 'All time';
  const label =
    state.preset && state.preset !== 'all-time' ? `${PRESET_LABELS[state.preset]} · ` : '';
  return (
    <PageHeading
      title={title}
      line={
        <span data-period>
          {label}
          {period}
        </span>
      }
      aside={
        <p className="updating" aria-live="polite">
          {updating ? (
            <>
              <span className="spinner" aria-hidden="true" /> Updating…
            </>
          ) : null}
        </p>
      }
    />
  );
}

export function PageHeading({
  title,
  line,
  aside,
}: {
  title: string;
  /** What the page is about, under the title. */
  line?: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <div className="view-heading">
      <div>
        <h1>{title}</h1>
        {line && <p className="view-period">{line}</p>}
      </div>
      {aside}
    </div>
  );
}
