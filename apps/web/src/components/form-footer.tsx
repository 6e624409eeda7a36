/**
 * The end of every form: the message no field owns (a live region that is always there, so a
 * message that appears is read out), then the submit button, which is disabled and says what it
 * is doing while the request is out, and Cancel where the form can be left.
 */
import type { ReactNode } from 'react';
import { FormError } from './form-error.tsx';

export function FormFooter({
  error,
  errorId,
  pending,
  label,
  tone = 'primary',
  block = false,
  submit,
  onCancel,
}: {
  error: ReactNode;
  /** For fields that point at the message with `aria-describedby`. */
  errorId?: string;
  /**
   * While the request is out, what the button says instead of `label` ("Signing in…"); the
   * button is disabled meanwhile. `false` when no request is out.
   */
  pending: string | false;
  label: string;
  tone?: 'primary' | 'danger';
  /** A full-width button, on its own (the sign-in and registration cards). */
  block?: boolean;
  /** In place of the submit button (a setup gone stale offers to start again); `false` for none. */
  submit?: ReactNode;
  /** Shows a Cancel button after the submit button. */
  onCancel?: () => void;
}) {
  const button = submit || (
    <button
      type="submit"
      className={`button ${tone}${block ? ' block' : ''}`}
      disabled={pending !== false}
    >
      {pending === false ? label : pending}
    </button>
  );
  return (
    <>
      <FormError id={errorId}>{error}</FormError>
      {block ? (
        button
      ) : (
        <div className="form-actions">
          {button}
          {onCancel && (
            <button type="button" className="button ghost" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
    </>
  );
}
