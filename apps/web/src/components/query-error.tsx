/** A failed load, said plainly, with a way to try again. */
import { outlayErrorCode } from '@outlay/client';

export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const code = outlayErrorCode(error);
  const message =
    code === 'BAD_REQUEST'
      ? 'These filters could not be applied. Try resetting them.'
      : code === 'TOO_MANY_REQUESTS'
        ? 'Too many requests in a short time. Wait a moment, then try again.'
        : code
          ? 'Outlay could not load these numbers.'
          : 'Can’t reach Outlay right now. Check your connection.';
  return (
    <div className="error-box" role="alert">
      <p>{message}</p>
      <button type="button" className="button small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
