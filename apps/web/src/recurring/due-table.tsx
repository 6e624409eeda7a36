/**
 * The Upcoming table: due items in date order, then the order a person dragged them into, with
 * status, amount and account, and Mark paid / Skip on each unpaid row. Rows of one day reorder by
 * drag and drop, with a pointer or the keyboard (focus a row's handle, Space to pick it up, the
 * arrow keys move between rows, Space drops, Escape cancels; a screen reader hears each step).
 */
import type { DueItem, DueStatus } from '@outlay/contracts';
import { useDraggable, useDroppable, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import { actionsColumn, DataTable } from '../components/data-table.tsx';
import { RowDndContext } from '../components/row-dnd.tsx';
import { useFormatters } from '../lib/formatters-context.tsx';
import { accountColumn, amountColumn } from './bill-columns.ts';

export const STATUS_LABELS: Record<DueStatus, string> = {
  upcoming: 'Upcoming',
  due: 'Due soon',
  overdue: 'Overdue',
  paid: 'Paid',
  skipped: 'Skipped',
};

/** The ids of one day in their new order, when `moving` is dropped on `target`; null across days. */
export function reordered(
  items: readonly DueItem[],
  moving: string,
  target: string,
): string[] | null {
  const from = items.find((d) => d.id === moving);
  const to = items.find((d) => d.id === target);
  if (!from || !to || from.dueOn !== to.dueOn || from.id === to.id) return null;
  const day = items.filter((d) => d.dueOn === from.dueOn).map((d) => d.id);
  const without = day.filter((id) => id !== moving);
  const at =
    day.indexOf(target) > day.indexOf(moving)
      ? without.indexOf(target) + 1
      : without.indexOf(target);
  without.splice(at, 0, moving);
  return without;
}

export function DueTable({
  items,
  loading,
  busy,
  onPay,
  onSkip,
  onChange,
  onReorder,
  onRefused,
}: {
  items: readonly DueItem[];
  loading: boolean;
  busy: boolean;
  onPay: (item: DueItem) => void;
  onSkip: (item: DueItem) => void;
  onChange: (item: DueItem) => void;
  onReorder: (ids: string[]) => void;
  onRefused: (message: string) => void;
}) {
  const format = useFormatters();
  // A row's button names the item it acts on for screen readers: a bill can fall due more than
  // once in view.
  const rowButton = (
    item: DueItem,
    label: string,
    act: (item: DueItem) => void,
    className = 'button ghost small',
  ) => (
    <button type="button" className={className} disabled={busy} onClick={() => act(item)}>
      {label}
      <span className="visually-hidden">
        {' '}
        {item.name}, {format.date(item.dueOn)}
      </span>
    </button>
  );
  const byId = new Map(items.map((d) => [d.id, d]));
  const nameOf = (id: string | number) => {
    const item = byId.get(String(id));
    return item ? `${item.name} (${format.date(item.dueOn)})` : 'this item';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${nameOf(active.id)}. Arrow keys move between rows, Space drops, Escape cancels.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} would go before or after ${nameOf(over.id)}.`
        : `${nameOf(active.id)} is over no row.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} dropped at ${nameOf(over.id)}.`
        : `${nameOf(active.id)} was not moved.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || over.id === active.id) return;
    const ids = reordered(items, String(active.id), String(over.id));
    if (ids) onReorder(ids);
    else
      onRefused('Drag a bill among the bills of its own day: the order sets which to pay first.');
  }

  return (
    <RowDndContext
      announcements={announcements}
      instructions={
        'To change the order of the bills of one day, press Space, use the arrow keys to choose the place, and press Space again. Escape cancels.'
      }
      onDragEnd={onDragEnd}
    >
      <DataTable
        caption="Due items"
        className="due-table"
        rows={items}
        loadingRows={loading ? 4 : 0}
        rowKey={(item) => item.id}
        rowProps={(item) => ({ 'data-due': item.name, 'data-status': item.status })}
        columns={[
          {
            key: 'order',
            header: <span className="visually-hidden">Order</span>,
            className: 'col-handle',
            cell: (item) => (
              <RowTarget id={item.id}>
                <DragHandle id={item.id} label={item.name} disabled={busy} />
              </RowTarget>
            ),
          },
          {
            key: 'date',
            header: 'Due',
            className: 'col-date',
            cell: (item) => (
              <>
                {format.date(item.dueOn)}
                {item.scheduledOn && (
                  <span className="muted small due-moved" data-moved>
                    moved from {format.date(item.scheduledOn)}
                  </span>
                )}
              </>
            ),
          },
          { key: 'name', header: 'Bill', rowHeader: true, cell: (item) => item.name },
          {
            key: 'status',
            header: 'Status',
            cell: (item) => (
              <span className={`badge status-${item.status}`}>{STATUS_LABELS[item.status]}</span>
            ),
          },
          amountColumn(format),
          accountColumn(),
          actionsColumn((item: DueItem) =>
            item.status === 'paid' || item.status === 'skipped' ? null : (
              <>
                {rowButton(item, 'Mark paid', onPay, 'button small')}
                {rowButton(item, 'Skip', onSkip)}
                {rowButton(item, 'Change', onChange)}
              </>
            ),
          ),
        ]}
      />
    </RowDndContext>
  );
}

/** A row as a drop target: the cell that holds its handle spans the row's height. */
function RowTarget({ id, children }: { id: string; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <div ref={setNodeRef} className={isOver ? 'due-target is-over' : 'due-target'}>
      {children}
    </div>
  );
}

function DragHandle({ id, label, disabled }: { id: string; label: string; disabled: boolean }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id,
    disabled,
  });
  return (
    <button
      type="button"
      ref={setNodeRef}
      className={isDragging ? 'drag-handle is-dragging' : 'drag-handle'}
      style={transform ? { transform: `translate3d(0, ${transform.y}px, 0)` } : undefined}
      {...attributes}
      {...listeners}
      aria-label={`Reorder ${label}`}
    >
      <svg viewBox="0 0 12 16" aria-hidden="true" width="12" height="16">
        {[3, 8, 13].map((y) => (
          <g key={y}>
            <circle cx="3" cy={y} r="1.4" fill="currentColor" />
            <circle cx="9" cy={y} r="1.4" fill="currentColor" />
          </g>
        ))}
      </svg>
    </button>
  );
}
