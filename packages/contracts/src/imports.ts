import { z } from 'zod';
import { Count, IsoDate, Uuid } from './dates.ts';
import { ChangeWritten } from './history.ts';
import {
  CsvMapping,
  MAX_STATEMENT_BYTES,
  ParseHints,
  StatementFormat,
  StatementIssue,
  TextEncoding,
} from './import.ts';
import { CurrencyCode, MinorUnits } from './money.ts';

/**
 * The import flow (DESIGN §10): a bank file is previewed into a batch whose every row is
 * classified against the account's rows, paged through, committed as one change set, listed and
 * undone. The parsed file's vocabulary (`ParsedStatement`) is in import.ts.
 */

/**
 * What matching found for a file's row: `new`; `alreadyImported` (the account has a row with the
 * same bank id, or with the same fingerprint for files without ids); `probable` (same account,
 * amount and date, similar payee: a row entered by hand); `possible` (same amount, date within a
 * few days, similar payee).
 */
export const ImportClassification = z.enum(['new', 'alreadyImported', 'probable', 'possible']);
export type ImportClassification = z.infer<typeof ImportClassification>;

/** What the commit does with a row: add it, merge it into its match, or leave it out. */
export const ImportAction = z.enum(['insert', 'merge', 'skip']);
export type ImportAction = z.infer<typeof ImportAction>;

/**
 * The most bytes one upload (the whole form: the file, its field headers, `hints`) may have. The
 * server stops reading beyond it, so a bigger body costs it no memory.
 */
export const MAX_IMPORT_UPLOAD_BYTES = MAX_STATEMENT_BYTES + 1024 * 1024;

/** Days apart a `possible` match may be. */
export const IMPORT_MATCH_WINDOW_DAYS = 3;

/** Decisions one commit may carry (the rest keep the preview's). */
export const MAX_IMPORT_DECISIONS = 10_000;

/** Warnings and left-out entries a batch keeps and returns (the counts are exact). */
export const MAX_IMPORT_ISSUES = 200;

const FileName = z.string().trim().min(1).max(255);

/** The preview's form fields once read: the file, and optionally the account and parse hints. */
export const ImportPreviewFields = z.strictObject({
  file: z
    .instanceof(Blob, { message: 'Expected a file in the form field "file"' })
    .refine((file) => file.size <= MAX_STATEMENT_BYTES, {
      message: `The file is larger than ${MAX_STATEMENT_BYTES / 1024 / 1024} MB, the most Outlay imports at once; split it into several files`,
    }),
  fileName: FileName,
  accountId: Uuid.optional(),
  hints: ParseHints.optional(),
});
export type ImportPreviewFields = z.infer<typeof ImportPreviewFields>;

export const ONE_FILE_MESSAGE = 'Expected exactly one file in the form field "file"';

/** The one file in a form's `file` field: null when it has none, several, or a text value. */
function formFile(form: FormData): Blob | null {
  const files = form.getAll('file');
  const [file] = files;
  return files.length === 1 && typeof file !== 'string' && file !== undefined ? file : null;
}

/**
 * The one file of an upload form whose other fields are all `allowed`. Null, with the reason
 * added as an issue, for a form without exactly one file or with a field of another name.
 */
export function uploadedFile(
  form: FormData,
  allowed: readonly string[],
  ctx: z.RefinementCtx,
): Blob | null {
  const file = formFile(form);
  if (file === null) {
    ctx.addIssue({ code: 'custom', message: ONE_FILE_MESSAGE });
    return null;
  }
  let unexpected: string | undefined;
  form.forEach((_value, key) => {
    if (key !== 'file' && !allowed.includes(key)) unexpected ??= key;
  });
  if (unexpected !== undefined) {
    ctx.addIssue({ code: 'custom', message: `Unexpected form field "${unexpected}"` });
    return null;
  }
  return file;
}

/**
 * `imports.preview` takes a multipart form (`FormData`): a `file` part, and optionally
 * `accountId` (otherwise the account is suggested from the account number the file names) and
 * `hints` (JSON of `ParseHints`: a corrected CSV mapping, the date order, signs to invert).
 */
export const ImportPreviewInput = z
  .instanceof(FormData, { message: 'Send the file as multipart form data (FormData)' })
  .transform((form, ctx) => {
    const file = uploadedFile(form, ['accountId', 'hints'], ctx);
    if (file === null) return z.NEVER;
    // A browser sends the file's name; a program may send a bare Blob, named "blob" or nothing.
    // The name is only shown back, so it is cleaned rather than refused.
    const name =
      file instanceof File
        ? file.name
            .replace(/\p{Cc}/gu, '')
            .trim()
            .slice(0, 255)
        : '';
    const fields: Record<string, unknown> = { file, fileName: name === '' ? 'statement' : name };
    const accountId = form.get('accountId');
    if (accountId !== null) fields.accountId = accountId;
    const hints = form.get('hints');
    if (typeof hints === 'string') {
      try {
        fields.hints = JSON.parse(hints) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'The field "hints" must be JSON' });
        return z.NEVER;
      }
    } else if (hints !== null) {
      fields.hints = hints;
    }
    return fields;
  })
  .pipe(ImportPreviewFields);
export type ImportPreviewInput = z.input<typeof ImportPreviewInput>;

export const ImportCounts = z.object({
  total: Count,
  new: Count,
  alreadyImported: Count,
  probable: Count,
  possible: Count,
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportActionCounts = z.object({
  insert: Count,
  merge: Count,
  skip: Count,
});
export type ImportActionCounts = z.infer<typeof ImportActionCounts>;

/** The statement's own closing balance against Outlay's balance of the account on that day. */
export const ImportBalanceCheck = z.object({
  /** The day the bank states the balance for (end of day). */
  on: IsoDate,
  statementMinor: MinorUnits,
  /** Outlay's balance of the account on that day now: opening balance + rows up to the day. */
  outlayMinor: MinorUnits,
  /** The same after the commit, with the preview's decisions. */
  afterImportMinor: MinorUnits,
  /** `afterImportMinor − statementMinor`: zero when Outlay agrees with the bank. */
  differenceMinor: MinorUnits,
});
export type ImportBalanceCheck = z.infer<typeof ImportBalanceCheck>;

export const ImportPreview = z.object({
  batchId: Uuid,
  fileName: z.string(),
  format: StatementFormat,
  formatVersion: z.string().nullable(),
  encoding: TextEncoding,
  account: z.object({ id: Uuid, name: z.string(), currency: CurrencyCode }),
  /** True when the account was chosen from the account number the file names. */
  accountSuggested: z.boolean(),
  /** The account number or IBAN the file names, if any. */
  fileAccount: z.string().nullable(),
  counts: ImportCounts,
  /** What the commit will do if no decision is changed. */
  actions: ImportActionCounts,
  warnings: z.array(StatementIssue),
  errors: z.array(StatementIssue),
  warningCount: Count,
  errorCount: Count,
  balance: ImportBalanceCheck.nullable(),
  /** For CSV: the mapping used and the column names, to show and correct (send back as hints). */
  csv: z.object({ mapping: CsvMapping, columns: z.array(z.string()) }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportRowsInput = z.strictObject({
  batchId: Uuid,
  classification: ImportClassification.optional(),
  /** The last row number of the previous page. */
  cursor: Count.max(2_147_483_647).nullish(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ImportRowsInput = z.infer<typeof ImportRowsInput>;

/** The existing row a file's row matched, as it is now. */
export const ImportMatch = z.object({
  id: Uuid,
  occurredOn: IsoDate,
  amountMinor: MinorUnits,
  payee: z.string().nullable(),
  description: z.string().nullable(),
  categoryId: Uuid.nullable(),
  notes: z.string().nullable(),
  /** Its bank id, if it has one (from an earlier import or merge). */
  externalId: z.string().nullable(),
});
export type ImportMatch = z.infer<typeof ImportMatch>;

export const ImportRow = z.object({
  rowNo: z.number().int().min(1),
  /** The line of the file the row starts on. */
  line: z.number().int().min(1).nullable(),
  occurredOn: IsoDate,
  amountMinor: MinorUnits,
  payee: z.string().nullable(),
  description: z.string().nullable(),
  /** The bank's id of the row; null when the file gives none (a fingerprint stands in). */
  bankId: z.string().nullable(),
  classification: ImportClassification,
  /** 0–100: how sure matching is of its classification. */
  confidence: Count.max(100),
  /** Why, in words: "Same date and amount as 'Coffee' on 3 Nov 2025, and a similar payee". */
  reason: z.string(),
  action: ImportAction,
  match: ImportMatch.nullable(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportRowsPage = z.object({
  items: z.array(ImportRow),
  nextCursor: z.number().int().nullable(),
});
export type ImportRowsPage = z.infer<typeof ImportRowsPage>;

export const ImportDecision = z.strictObject({
  rowNo: z.number().int().min(1).max(2_147_483_647),
  action: ImportAction,
});
export type ImportDecision = z.infer<typeof ImportDecision>;

export const ImportCommitInput = z.strictObject({
  batchId: Uuid,
  /** Rows whose action differs from the preview's; each row at most once. */
  decisions: z
    .array(ImportDecision)
    .max(MAX_IMPORT_DECISIONS)
    .refine((list) => new Set(list.map((d) => d.rowNo)).size === list.length, {
      message: 'Each row may have one decision',
    })
    .optional(),
});
export type ImportCommitInput = z.infer<typeof ImportCommitInput>;

/** `description`: "Imported 412 transactions from statement.ofx (37 merged, 5 skipped)". */
export const ImportCommitResult = ChangeWritten.extend({
  batchId: Uuid,
  inserted: Count,
  merged: Count,
  skipped: Count,
  /** Due items of recurring bills that new rows paid. */
  billsPaid: Count,
});
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;

export const ImportBatchStatus = z.enum(['preview', 'committed', 'undone']);
export type ImportBatchStatus = z.infer<typeof ImportBatchStatus>;

export const ImportBatch = z.object({
  id: Uuid,
  accountId: Uuid,
  fileName: z.string(),
  format: StatementFormat,
  createdAt: z.iso.datetime({ offset: true }),
  /** `undone` while the commit's change set is undone (undoing the undo makes it `committed`). */
  status: ImportBatchStatus,
  counts: ImportCounts,
  /** What the commit did; zeros for a preview. */
  inserted: Count,
  merged: Count,
  skipped: Count,
  changeSetId: Uuid.nullable(),
  committedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

/** The newest batches `imports.list` returns. */
export const IMPORT_BATCHES_LISTED = 100;

export const ImportBatchInput = z.strictObject({ batchId: Uuid });
export type ImportBatchInput = z.infer<typeof ImportBatchInput>;
