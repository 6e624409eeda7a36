/**
 * Where a form says what went wrong. `FormError` is the message no field owns (a rate limit, the
 * network); its live region is always in the page, so a message that appears is read out.
 * `FieldError` sits under the field it is about.
 */
import type { ReactNode } from 'react';

export function FormError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <div className="form-error" id={id} role="alert">
      {children}
    </div>
  );
}

export function FieldError({
  id,
  announce = false,
  children,
}: {
  id: string;
  /** Read out at once: for errors that appear while typing, not after a submit. */
  announce?: boolean;
  children: ReactNode;
}) {
  return (
    <p className="field-error" id={id} role={announce ? 'alert' : undefined}>
      {children}
    </p>
  );
}
