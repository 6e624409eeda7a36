/**
 * The fields of a category, shared by "New category" and a category's editor: name, kind, group
 * and colour. A draft is what the form holds; `patchOf` turns an edited draft into the
 * `categories.update` patch of only what changed.
 */
import {
  DEFAULT_CATEGORY_COLOR,
  type Category,
  type CategoryKind,
  type UpdateCategoryInput,
} from '@outlay/contracts';
import { NameField } from '../components/contract-text-fields.tsx';
import { SelectField } from '../components/select-field.tsx';
import { ColorPicker } from './color-picker.tsx';
import { groupChoices } from './category-tree.ts';
import { changedFields } from '../lib/changed-fields.ts';

export interface CategoryDraft {
  name: string;
  kind: CategoryKind;
  /** '' for no group. */
  parentId: string;
  color: string;
}

export const KIND_OPTIONS: { value: CategoryKind; label: string }[] = [
  { value: 'expense', label: 'Spending' },
  { value: 'income', label: 'Income' },
  { value: 'transfer', label: 'Transfer (neither)' },
];

export const KIND_LABELS: Record<CategoryKind, string> = {
  expense: 'Spending',
  income: 'Income',
  transfer: 'Transfers',
};

export function emptyDraft(): CategoryDraft {
  return { name: '', kind: 'expense', parentId: '', color: DEFAULT_CATEGORY_COLOR };
}

export function draftOf(category: Category): CategoryDraft {
  return {
    name: category.name,
    kind: category.kind,
    parentId: category.parentId ?? '',
    color: category.color,
  };
}

export function patchOf(category: Category, draft: CategoryDraft): UpdateCategoryInput['patch'] {
  // Colours compare without case: #AA0000 is the colour the category has.
  const sameColor = draft.color.toLowerCase() === category.color.toLowerCase();
  return changedFields(category, {
    name: draft.name.trim(),
    kind: draft.kind,
    color: sameColor ? category.color : draft.color,
    parentId: draft.parentId === '' ? null : draft.parentId,
  });
}

export function CategoryFields({
  idPrefix,
  draft,
  onChange,
  categories,
  editing,
  nameError,
}: {
  idPrefix: string;
  draft: CategoryDraft;
  onChange: (draft: CategoryDraft) => void;
  categories: readonly Category[];
  /** The category being edited; `null` for a new one. */
  editing: Category | null;
  nameError?: string;
}) {
  const holdsOthers = editing !== null && categories.some((c) => c.parentId === editing.id);
  const groups = groupChoices(categories, editing);
  return (
    <div className="category-fields">
      <NameField
        id={`${idPrefix}-name`}
        value={draft.name}
        onChange={(name) => onChange({ ...draft, name })}
        error={nameError}
      />
      <SelectField
        id={`${idPrefix}-kind`}
        label="Kind"
        value={draft.kind}
        onChange={(kind) => onChange({ ...draft, kind: kind as CategoryKind })}
        options={KIND_OPTIONS}
      />
      <SelectField
        id={`${idPrefix}-group`}
        label="Group"
        value={draft.parentId}
        onChange={(parentId) => onChange({ ...draft, parentId })}
        disabled={holdsOthers}
        hint={holdsOthers ? 'It holds categories, so it is a group itself.' : undefined}
        options={[
          { value: '', label: 'No group' },
          ...groups.map((group) => ({ value: group.id, label: group.name })),
        ]}
      />
      <ColorPicker value={draft.color} onChange={(color) => onChange({ ...draft, color })} />
    </div>
  );
}
