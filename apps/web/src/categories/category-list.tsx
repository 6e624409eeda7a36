/**
 * The categories in their two levels, with drag and drop to put a category into a group (or
 * take it out of one). Dragging works with a pointer and with the keyboard: focus a row's handle,
 * Space to pick it up, the arrow keys jump from group to group, Space drops, Escape cancels; a
 * screen reader hears each step by name. The group choice in a category's editor does the same
 * without dragging.
 */
import type { Category } from '@outlay/contracts';
import {
  DragOverlay,
  useDraggable,
  useDroppable,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useRef, useState, type ReactNode } from 'react';
import { RowDndContext } from '../components/row-dnd.tsx';
import { CategoryEditor } from './category-editor.tsx';
import { KIND_LABELS } from './category-fields.tsx';
import { moveRefusal, type CategoryNode, type CategoryTree } from './category-tree.ts';
import type { Written } from '../ledger/ledger-context.tsx';

const UNGROUPED = 'ungrouped';
const groupTarget = (id: string) => `group:${id}`;

/** The group a drop target stands for: `null` is "out of any group". */
function targetGroup(overId: string | number): string | null {
  const id = String(overId);
  return id === UNGROUPED ? null : id.slice('group:'.length);
}

interface Props {
  tree: CategoryTree;
  categories: readonly Category[];
  /** Moves a category into a group (`null`: out of any group). */
  onMove: (category: Category, groupId: string | null) => void;
  /** A move the rules refuse, said in words. */
  onRefused: (message: string) => void;
  onWritten: (written: Written) => void;
  busy: boolean;
}

export function CategoryList({ tree, categories, onMove, onRefused, onWritten, busy }: Props) {
  const [dragging, setDragging] = useState<Category | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const nameOf = (id: string | number) => byId.get(String(id))?.name ?? 'this category';
  const placeName = (overId: string | number) => {
    const group = targetGroup(overId);
    return group === null ? 'out of any group' : `into ${nameOf(group)}`;
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${nameOf(active.id)}. Arrow keys move between groups, Space drops, Escape cancels.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} would go ${placeName(over.id)}.`
        : `${nameOf(active.id)} is over no group.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} dropped ${placeName(over.id)}.`
        : `${nameOf(active.id)} was not moved.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    setDragging(null);
    const moving = byId.get(String(active.id));
    if (!moving || !over) return;
    const groupId = targetGroup(over.id);
    if (groupId === moving.parentId) return;
    const refusal = moveRefusal(categories, moving, groupId);
    if (refusal) onRefused(refusal);
    else onMove(moving, groupId);
  }

  const canTake = (groupId: string | null) =>
    dragging === null ||
    (groupId !== dragging.id && moveRefusal(categories, dragging, groupId) === null);

  const row = (category: Category, node?: CategoryNode) => (
    <CategoryRow
      key={category.id}
      category={category}
      categories={categories}
      holdsOthers={(node?.children.length ?? 0) > 0}
      editing={editing === category.id}
      onEdit={(open) => setEditing(open ? category.id : null)}
      onWritten={onWritten}
      disabled={busy}
    />
  );

  return (
    <RowDndContext
      announcements={announcements}
      instructions={
        'To move a category into a group, press Space, use the arrow keys to choose the group, and press Space again. Escape cancels.'
      }
      onDragStart={({ active }) => setDragging(byId.get(String(active.id)) ?? null)}
      onDragCancel={() => setDragging(null)}
      onDragEnd={onDragEnd}
    >
      <div className={dragging ? 'category-sections is-dragging' : 'category-sections'}>
        {tree.sections.map((section) => (
          <section key={section.kind} aria-labelledby={`kind-${section.kind}`}>
            <h3 id={`kind-${section.kind}`} className="category-kind">
              {KIND_LABELS[section.kind]}
            </h3>
            <ul className="category-tree">
              {section.nodes.map((node) => (
                <DropTarget
                  key={node.category.id}
                  id={groupTarget(node.category.id)}
                  disabled={!canTake(node.category.id)}
                  label={node.category.name}
                >
                  {row(node.category, node)}
                  {node.children.length > 0 && (
                    <ul className="category-children" aria-label={`In ${node.category.name}`}>
                      {node.children.map((child) => (
                        <li key={child.id}>{row(child)}</li>
                      ))}
                    </ul>
                  )}
                </DropTarget>
              ))}
            </ul>
          </section>
        ))}
        {tree.sections.some((section) =>
          section.nodes.some((node) => node.children.length > 0),
        ) && <UngroupTarget disabled={!canTake(null)} />}
        {tree.archived.length > 0 && (
          <section aria-labelledby="kind-archived" data-archived-categories>
            <h3 id="kind-archived" className="category-kind">
              Archived
            </h3>
            <p className="muted small">
              Hidden from pickers; their transactions keep them. Edit one to bring it back.
            </p>
            <ul className="category-tree">
              {tree.archived.map((category) => (
                <li key={category.id} className="category-node">
                  {row(category)}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging && (
          <div className="category-drag-chip">
            <span className="swatch" style={{ background: dragging.color }} aria-hidden="true" />
            {dragging.name}
          </div>
        )}
      </DragOverlay>
    </RowDndContext>
  );
}

function DropTarget({
  id,
  disabled,
  label,
  children,
}: {
  id: string;
  disabled: boolean;
  label: string;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id, disabled });
  return (
    <li
      ref={setNodeRef}
      className={isOver ? 'category-node is-over' : 'category-node'}
      data-group={label}
    >
      {children}
    </li>
  );
}

function UngroupTarget({ disabled }: { disabled: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: UNGROUPED, disabled });
  return (
    <div
      ref={setNodeRef}
      className={isOver ? 'ungroup-target is-over' : 'ungroup-target'}
      data-ungroup-target
    >
      Drop a category here to take it out of its group.
    </div>
  );
}

function CategoryRow({
  category,
  categories,
  holdsOthers,
  editing,
  onEdit,
  onWritten,
  disabled,
}: {
  category: Category;
  categories: readonly Category[];
  holdsOthers: boolean;
  editing: boolean;
  onEdit: (open: boolean) => void;
  onWritten: (written: Written) => void;
  disabled: boolean;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: category.id,
    // A group cannot go into another group; its categories move one by one.
    disabled: holdsOthers || category.archived || disabled,
  });
  const childCount = categories.filter((c) => c.parentId === category.id && !c.archived).length;
  return (
    <div
      className={isDragging ? 'category-item is-dragging' : 'category-item'}
      data-category={category.name}
      data-category-id={category.id}
    >
      <div className="category-row">
        {holdsOthers || category.archived ? (
          <span className="drag-handle is-disabled" aria-hidden="true" />
        ) : (
          <button
            ref={setNodeRef}
            type="button"
            className="drag-handle"
            {...attributes}
            {...listeners}
            aria-label={`Move ${category.name} to a group`}
          >
            <svg viewBox="0 0 12 16" aria-hidden="true">
              {[3, 8, 13].map((y) => (
                <g key={y}>
                  <circle cx="3.5" cy={y} r="1.4" />
                  <circle cx="8.5" cy={y} r="1.4" />
                </g>
              ))}
            </svg>
          </button>
        )}
        <span
          className="category-swatch"
          style={{ background: category.color }}
          aria-hidden="true"
        />
        <span className="category-name">{category.name}</span>
        {childCount > 0 && (
          <span className="badge">
            {childCount === 1 ? '1 category' : `${childCount} categories`}
          </span>
        )}
        {category.archived && <span className="badge">Archived</span>}
        <button
          ref={editButton}
          type="button"
          className="button ghost small category-edit"
          aria-expanded={editing}
          onClick={() => onEdit(!editing)}
        >
          Edit<span className="visually-hidden"> {category.name}</span>
        </button>
      </div>
      {editing && (
        <CategoryEditor
          category={category}
          categories={categories}
          onWritten={onWritten}
          onClose={(removed) => {
            onEdit(false);
            // A merged or deleted category's row is gone: the list's heading takes the focus.
            if (removed) document.getElementById('categories-title')?.focus();
            else editButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}
