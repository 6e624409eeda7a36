import { z } from 'zod';
import { Count, Uuid } from './dates.ts';

export const ChangeSetActor = z.object({
  /** `user`: a signed-in session; `token`: an API token (`id` is the token's); `job`: the system. */
  kind: z.enum(['user', 'token', 'job']),
  id: Uuid.nullable(),
});
export type ChangeSetActor = z.infer<typeof ChangeSetActor>;

/** What every write returns, at least: the change set it made and what it did, in words. */
export const ChangeWritten = z.object({
  changeSetId: Uuid,
  /** What the change set did, in the words `history.list` uses for it. */
  description: z.string(),
});
export type ChangeWritten = z.infer<typeof ChangeWritten>;

/** One row a change set wrote, as the change log holds it (`before`/`after` are database rows). */
export const ChangeRow = z.object({
  /** `transactions`, `transaction_lines`, `categories`, `accounts`… */
  table: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  /** The row's id in its table. */
  rowId: Uuid,
  /** The row in words: "'Coffee' on 3 Nov 2025, −$4.50", "category Dining". */
  label: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type ChangeRow = z.infer<typeof ChangeRow>;

/** Rows shown with each change set in `history.list`; `history.rows` pages through all of them. */
export const CHANGE_SET_PREVIEW_ROWS = 5;

export const ChangeSetEntry = z.object({
  id: Uuid,
  at: z.iso.datetime({ offset: true }),
  actor: ChangeSetActor,
  /** What was done, as a procedure-like name (`transactions.bulkUpdate`, `history.undo`…). */
  action: z.string(),
  /** The change in words a person reads. */
  description: z.string(),
  /** The facts the description was made from, as recorded when the change was made. */
  summary: z.record(z.string(), z.unknown()),
  /** The change set this one undid (an undo of an undo redoes). */
  undoesId: Uuid.nullable(),
  /** True while a later change set has undone this one (and that undo was not itself undone). */
  undone: z.boolean(),
  rowCount: Count,
  /** The first rows it wrote (at most CHANGE_SET_PREVIEW_ROWS). */
  rows: z.array(ChangeRow).max(CHANGE_SET_PREVIEW_ROWS),
});
export type ChangeSetEntry = z.infer<typeof ChangeSetEntry>;

export const HistoryListInput = z.strictObject({
  cursor: z.string().min(1).max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type HistoryListInput = z.infer<typeof HistoryListInput>;

export const HistoryPage = z.object({
  /** Newest first. */
  items: z.array(ChangeSetEntry),
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

export const HistoryRowsInput = z.strictObject({
  changeSetId: Uuid,
  cursor: z.string().min(1).max(200).nullish(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type HistoryRowsInput = z.infer<typeof HistoryRowsInput>;

export const HistoryRowsPage = z.object({
  /** In the order they were written. */
  items: z.array(ChangeRow),
  nextCursor: z.string().nullable(),
});
export type HistoryRowsPage = z.infer<typeof HistoryRowsPage>;

export const UndoInput = z.strictObject({ changeSetId: Uuid });
export type UndoInput = z.infer<typeof UndoInput>;

/** `changeSetId` is the change set the undo wrote (undo it to redo). */
export const UndoResult = ChangeWritten.extend({
  undoneId: Uuid,
  /** Rows the undo wrote. */
  rowCount: Count,
});
export type UndoResult = z.infer<typeof UndoResult>;
