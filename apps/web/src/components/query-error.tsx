/**
 * A failed load, said plainly, with a way to try again. A request the server refused (bad
 * filters, a range too long for the chart) is explained in the server's own words.
 */
import { apiError } from '../lib/api-errors.ts';

export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const failure = apiError(error);
  let message: string;
  if (failure.code === 'BAD_REQUEST') {
    const reason = Object.values(failure.fields)[0] ?? failure.message;
    message = `Outlay can’t show these filters${reason ? `: ${reason.replace(/\.?$/, '.')}` : '.'} Try changing or resetting them.`;
  } else if (failure.code === 'TOO_MANY_REQUESTS') {
    message = 'Too many requests in a short time. Wait a moment, then try again.';
  } else if (failure.code) {
    message = 'Outlay could not load these numbers.';
  } else {
    message = 'Can’t reach Outlay right now. Check your connection.';
  }
  return (
    <div className="callout danger error-box" role="alert">
      <p>{message}</p>
      <button type="button" className="button small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
