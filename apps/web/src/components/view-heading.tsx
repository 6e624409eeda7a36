/** A page's title with the period it covers in words, and a quiet "Updating…" while data loads. */
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
    <div className="view-heading">
      <div>
        <h1>{title}</h1>
        <p className="view-period" data-period>
          {label}
          {period}
        </p>
      </div>
      <p className="updating" aria-live="polite">
        {updating ? (
          <>
            <span className="spinner" aria-hidden="true" /> Updating…
          </>
        ) : null}
      </p>
    </div>
  );
}
