/** A form's submit button: disabled while the request is out, saying what it is doing. */
import type { ReactNode } from 'react';

export function SubmitButton({
  pending,
  pendingLabel,
  className = 'button primary',
  children,
}: {
  pending: boolean;
  /** "Signing in…": what the button says while the request is out. */
  pendingLabel: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="submit" className={className} disabled={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
