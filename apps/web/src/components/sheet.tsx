/**
 * A modal sheet: quick entry, the transaction drawer, and the bill, budget and due-item dialogs.
 * It opens as a modal `<dialog>` when it mounts (the browser then keeps the focus inside and
 * closes it on Escape, which `onClose` tells the app), and `onOpen` puts the focus on the first
 * thing to type.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import '../ledger/ledger.css';

export function Sheet({
  className,
  titleId,
  onClose,
  onOpen,
  children,
  ...data
}: {
  /** The sheet's own class beside `sheet`. */
  className: string;
  /** The id of the sheet's heading (its `SheetHeader`). */
  titleId: string;
  onClose: () => void;
  onOpen?: () => void;
  children: ReactNode;
} & { [attribute: `data-${string}`]: boolean | string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Only on mount: the sheet is shown once, for as long as it is in the page.
  const opened = useRef(onOpen);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    opened.current?.();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={`sheet ${className}`}
      aria-labelledby={titleId}
      onClose={onClose}
      {...data}
    >
      {children}
    </dialog>
  );
}

/** A sheet's heading, with a Close button where the sheet offers one beside it. */
export function SheetHeader({
  titleId,
  title,
  onClose,
}: {
  titleId: string;
  title: ReactNode;
  onClose?: () => void;
}) {
  return (
    <header className="sheet-header">
      <h2 id={titleId}>{title}</h2>
      {onClose && (
        <button type="button" className="button ghost small" onClick={onClose}>
          Close
        </button>
      )}
    </header>
  );
}

/**
 * A sheet that is one form under its heading (the bill, budget and due-item dialogs): the
 * sheet, the form (checked by the app, not the browser) and the heading, with a Close button
 * unless `closeButton` is false. `after` sits in the sheet below the form (a confirmation).
 */
export function SheetForm({
  titleId,
  title,
  onClose,
  onSubmit,
  closeButton = true,
  after,
  children,
  ...sheet
}: Omit<Parameters<typeof Sheet>[0], 'children'> & {
  title: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  closeButton?: boolean;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Sheet titleId={titleId} onClose={onClose} {...sheet}>
      <form onSubmit={onSubmit} noValidate>
        <SheetHeader titleId={titleId} title={title} {...(closeButton ? { onClose } : {})} />
        {children}
      </form>
      {after}
    </Sheet>
  );
}
