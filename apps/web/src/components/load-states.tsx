/**
 * What a list shows before it has rows: placeholder rows while it loads, and a failed load said
 * plainly with a way to try again. Settings sections and the categories and accounts pages use
 * them.
 */
import './load-states.css';

/** A failed load of a list, with a way to try again. */
export function LoadError({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <div className="callout danger error-box" role="alert">
      <p>Outlay could not load {what}.</p>
      <button type="button" className="button small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** Placeholder rows while a list loads. */
export function LoadingRows({ label, rows = 2 }: { label: string; rows?: number }) {
  return (
    <div className="item-list-loading" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <span key={index} className="skeleton item-skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}
