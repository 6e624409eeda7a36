/**
 * Category multi-select: a button that opens a panel of checkboxes, grouped by kind (archived
 * categories last, on their own), with "Uncategorized" as its own choice. Nothing selected means
 * every category. Escape or a click outside closes it and returns focus to the button.
 */
import type { Category } from '@outlay/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import './category-picker.css';

interface CategoryPickerProps {
  categories: Category[] | undefined;
  selectedIds: string[];
  includeUncategorized: boolean;
  onChange: (categoryIds: string[], includeUncategorized: boolean) => void;
}

const KIND_LABELS = {
  expense: 'Spending',
  income: 'Income',
  transfer: 'Transfers',
  archived: 'Archived',
} as const;

export function CategoryPicker({
  categories,
  selectedIds,
  includeUncategorized,
  onChange,
}: CategoryPickerProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const selected = new Set(selectedIds);
  const count = selectedIds.length + (includeUncategorized ? 1 : 0);
  const names = new Map((categories ?? []).map((c) => [c.id, c.name]));

  let summary = 'All categories';
  if (count === 1)
    summary = includeUncategorized ? 'Uncategorized' : (names.get(selectedIds[0]!) ?? '1 category');
  else if (count > 1) summary = `${count} categories`;

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function toggle(id: string) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    // Keep the categories' own order, so the same selection always makes the same URL.
    onChange(
      (categories ?? []).filter((c) => next.has(c.id)).map((c) => c.id),
      includeUncategorized,
    );
  }

  // Archived categories are out of the way, last: their transactions still count and can be
  // filtered, but they are no longer in use.
  const groups = [
    ...(['expense', 'income', 'transfer'] as const).map((kind) => ({
      kind,
      items: (categories ?? []).filter((c) => c.kind === kind && !c.archived),
    })),
    { kind: 'archived' as const, items: (categories ?? []).filter((c) => c.archived) },
  ].filter((group) => group.items.length > 0);

  return (
    <div
      className="picker"
      ref={rootRef}
      onBlur={(event) => {
        // Tabbing out of the picker closes it.
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <span className="field-label" id={`${panelId}-label`}>
        Categories
      </span>
      <button
        ref={buttonRef}
        type="button"
        className="select-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${panelId}-label ${panelId}-value`}
        onClick={() => setOpen((o) => !o)}
      >
        <span id={`${panelId}-value`}>{summary}</span>
        <svg viewBox="0 0 12 12" aria-hidden="true" className="chevron">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      <div className="picker-panel" id={panelId} hidden={!open}>
        {!categories && <p className="muted small">Loading categories…</p>}
        {groups.map((group) => (
          <fieldset key={group.kind}>
            <legend>{KIND_LABELS[group.kind]}</legend>
            {group.items.map((category) => (
              <label key={category.id} className="check">
                <input
                  type="checkbox"
                  checked={selected.has(category.id)}
                  onChange={() => toggle(category.id)}
                />
                <span
                  className="swatch"
                  style={{ background: category.color }}
                  aria-hidden="true"
                />
                <span>{category.name}</span>
              </label>
            ))}
            {group.kind === 'expense' && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={includeUncategorized}
                  onChange={() => onChange(selectedIds, !includeUncategorized)}
                />
                <span className="swatch uncategorized" aria-hidden="true" />
                <span>Uncategorized</span>
              </label>
            )}
          </fieldset>
        ))}
        <div className="picker-actions">
          <button
            type="button"
            className="button ghost small"
            disabled={count === 0}
            onClick={() => onChange([], false)}
          >
            All categories
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => {
              setOpen(false);
              buttonRef.current?.focus();
            }}
          >
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
