/**
 * A destructive action's last step, in place: what will happen, then do it or not. The focus
 * starts on the action where History can undo it (merging, deleting a category) and on Cancel
 * where nothing can (revoking a token).
 */
import type { ReactNode } from 'react';
import { FormError } from './form-error.tsx';

export function ConfirmBox({
  label,
  action,
  pending,
  disabled,
  onConfirm,
  onCancel,
  error,
  focus = 'action',
  children,
}: {
  /** The group's name for screen readers ("Confirm merge", "Revoke Budget spreadsheet?"). */
  label: string;
  action: string;
  /** While the request is out, what the action says instead ("Merging…"); else `false`. */
  pending: string | false;
  disabled: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Why the action was refused; omit where the page says it elsewhere. */
  error?: string;
  focus?: 'action' | 'cancel';
  children: ReactNode;
}) {
  return (
    <div className="callout danger" role="group" aria-label={label}>
      {children}
      <div className="form-actions">
        <button
          type="button"
          className="button danger small"
          disabled={disabled}
          autoFocus={focus === 'action'}
          onClick={onConfirm}
        >
          {pending === false ? action : pending}
        </button>
        <button
          type="button"
          className="button ghost small"
          autoFocus={focus === 'cancel'}
          onClick={onCancel}
        >
          Cancel
        </button>
      </div>
      {error !== undefined && <FormError>{error}</FormError>}
    </div>
  );
}
