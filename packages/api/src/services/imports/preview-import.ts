import {
  MAX_AMOUNT_MINOR,
  MAX_IMPORT_ISSUES,
  type ImportPreview,
  type ImportPreviewFields,
  type ParsedStatement,
  type StatementIssue,
} from '@outlay/contracts';
import { inTransaction, joinRow, type Database } from '@outlay/db';
import { parseStatement } from '@outlay/importers';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { loadReferences, type AccountRef } from '../references.ts';
import { importSummary } from './import-summary.ts';
import { writeClassifiedRows } from './write-classified-rows.ts';

/** Days an uncommitted preview is kept: the next preview of the same person removes older ones. */
export const PREVIEW_KEPT_DAYS = 7;

/** Rows one file may hold: a decade of a busy account, with room to spare. */
export const MAX_IMPORT_ROWS = 200_000;

/**
 * Reads a bank file into a preview (DESIGN §10): parses it, chooses the account (the one given,
 * or the one that imported the file's account number before), stores every row in
 * `import_rows`, classifies each against the account's rows, and says what a commit would do and
 * whether the bank's closing balance agrees with Outlay's. Writes no transaction: previews are
 * bookkeeping, and a refused file leaves nothing behind.
 */
export async function previewImport(
  db: Kysely<Database>,
  { user, file, fileName, accountId, hints }: { user: Writer } & ImportPreviewFields,
): Promise<ImportPreview> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return inTransaction(db, async (trx) => {
    const given = accountId
      ? (await loadReferences(trx, user.id, { accountIds: [accountId] })).accounts.get(accountId)!
      : undefined;
    let statement = parse(bytes, { ...hints, ...(given ? { currency: given.currency } : {}) });
    const fileAccountIndex = onlyAccount(statement);
    const fileAccountInfo =
      fileAccountIndex === null ? undefined : statement.accounts[fileAccountIndex];
    const fileAccount = fileAccountInfo ? (fileAccountInfo.iban ?? fileAccountInfo.number) : null;
    const account = given ?? (await suggestAccount(trx, user.id, fileAccount));
    // Amounts are read in the currency's minor unit, so a file that names no currency is read
    // again once the account (and so the currency) is known.
    if (!given && statement.transactions.some((t) => t.currency === null)) {
      statement = parse(bytes, { ...hints, currency: account.currency });
    }
    const foreign = statement.transactions.find(
      (t) => t.currency !== null && t.currency !== account.currency,
    );
    if (foreign) {
      throw new DomainError(
        'BAD_INPUT',
        `The file's transactions are in ${foreign.currency}, but the account '${account.name}' is in ${account.currency}: choose an account in ${foreign.currency}`,
      );
    }
    if (statement.transactions.length > MAX_IMPORT_ROWS) {
      throw new DomainError(
        'BAD_INPUT',
        `The file holds ${statement.transactions.length.toLocaleString('en-US')} transactions; the most one import takes is ${MAX_IMPORT_ROWS.toLocaleString('en-US')}: split it by date`,
      );
    }

    statement = withoutUnwritable(statement);
    const closing = statementBalance(statement, fileAccountIndex);
    const { data_version: dataVersion } = await trx
      .selectFrom('users')
      .select('data_version')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const issues = [
      ...statement.errors.map((issue) => ({ kind: 'error', ...issue })),
      ...statement.warnings.map((issue) => ({ kind: 'warning', ...issue })),
    ].slice(0, MAX_IMPORT_ISSUES);
    // A preview nobody committed is let go after a while, so abandoned uploads do not pile up.
    await trx
      .deleteFrom('import_batches')
      .where('user_id', '=', user.id)
      .where('status', '=', 'preview')
      .where('created_at', '<', sql<Date>`now() - make_interval(days => ${PREVIEW_KEPT_DAYS})`)
      .execute();
    const { id: batchId } = await trx
      .insertInto('import_batches')
      .values({
        user_id: user.id,
        account_id: account.id,
        file_name: fileName.slice(0, 255),
        file_size: bytes.byteLength,
        format: statement.format,
        format_version: statement.formatVersion,
        encoding: statement.encoding,
        file_account: fileAccount,
        issues: JSON.stringify(issues),
        warning_count: statement.warnings.length,
        error_count: statement.errors.length,
        statement_balance_minor: closing?.amountMinor ?? null,
        statement_balance_on: closing?.date ?? null,
        data_version: dataVersion,
        row_count: statement.transactions.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await writeClassifiedRows(trx, {
      userId: user.id,
      batchId,
      accountId: account.id,
      transactions: statement.transactions,
    });
    const summary = await importSummary(trx, { userId: user.id, batchId });
    await trx
      .updateTable('import_batches')
      .set({
        new_count: summary.counts.new,
        already_imported_count: summary.counts.alreadyImported,
        probable_count: summary.counts.probable,
        possible_count: summary.counts.possible,
      })
      .where('user_id', '=', user.id)
      .where('id', '=', batchId)
      .execute();

    return {
      batchId,
      fileName,
      format: statement.format,
      formatVersion: statement.formatVersion,
      encoding: statement.encoding,
      account: { id: account.id, name: account.name, currency: account.currency },
      accountSuggested: !given,
      fileAccount,
      counts: summary.counts,
      actions: summary.actions,
      warnings: statement.warnings.slice(0, MAX_IMPORT_ISSUES),
      errors: statement.errors.slice(0, MAX_IMPORT_ISSUES),
      warningCount: statement.warnings.length,
      errorCount: statement.errors.length,
      balance: closing
        ? await balanceCheck(trx, {
            userId: user.id,
            batchId,
            accountId: account.id,
            on: closing.date,
            statementMinor: closing.amountMinor,
          })
        : null,
      csv: statement.csv,
    };
  });
}

function parse(bytes: Uint8Array, hints: Parameters<typeof parseStatement>[1]): ParsedStatement {
  const result = parseStatement(bytes, hints);
  if (!result.ok) throw new DomainError('BAD_INPUT', result.error.message);
  return result.statement;
}

/**
 * The statement without the rows Outlay does not record as transactions, each named among the
 * left-out entries: a zero amount (some banks list a fee of 0.00) or one beyond the largest a
 * transaction may carry (the same bound as a row entered by hand).
 */
function withoutUnwritable(statement: ParsedStatement): ParsedStatement {
  const left: StatementIssue[] = [];
  const transactions = statement.transactions.filter((t, index) => {
    const problem =
      t.amountMinor === 0
        ? 'an amount of zero is not a transaction'
        : Math.abs(t.amountMinor) > MAX_AMOUNT_MINOR
          ? 'the amount is larger than a transaction may be'
          : null;
    if (problem === null) return true;
    const where = t.line === null ? `Entry ${index + 1}` : `Line ${t.line}`;
    left.push({ line: t.line, element: null, message: `${where}: ${problem}; left out` });
    return false;
  });
  return left.length === 0
    ? statement
    : { ...statement, transactions, errors: [...statement.errors, ...left] };
}

/** The one account of the file that has transactions (or its only account); several are refused. */
function onlyAccount(statement: ParsedStatement): number | null {
  const used = [...new Set(statement.transactions.map((t) => t.account))];
  if (used.length > 1) {
    const names = used
      .map((index) => statement.accounts[index])
      .map((a) => a?.iban ?? a?.number ?? a?.name ?? 'an unnamed account');
    throw new DomainError(
      'BAD_INPUT',
      `The file holds the transactions of ${used.length} accounts (${names.join(', ')}); importing several accounts from one file is not supported yet: export one account per file`,
    );
  }
  if (used.length === 1) return used[0]!;
  return statement.accounts.length === 1 ? 0 : null;
}

/**
 * The account a file belongs to when the person named none: the account that last imported a
 * file naming the same account number; otherwise the one open account whose name holds the
 * number's last four digits as a group of their own ("Visa 4242", "Chequing …5678"), the way
 * people tell their cards apart. Anything less certain asks the person to choose.
 */
async function suggestAccount(
  trx: Kysely<Database>,
  userId: string,
  fileAccount: string | null,
): Promise<AccountRef> {
  if (fileAccount === null) {
    throw new DomainError(
      'BAD_INPUT',
      'The file names no account number: choose the account to import into (accountId)',
    );
  }
  const earlier = await trx
    .selectFrom('import_batches as b')
    .innerJoin('accounts as a', joinRow('a', 'b.account_id'))
    .select(['a.id', 'a.name', 'a.currency', 'a.kind'])
    .where('b.user_id', '=', userId)
    .where('b.file_account', '=', fileAccount)
    .where('b.status', '=', 'committed')
    .orderBy('b.committed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (earlier) return { ...earlier, currency: earlier.currency.trim() };
  const lastFour = /(\d{4})\D*$/.exec(fileAccount)?.[1];
  const named = lastFour
    ? (
        await trx
          .selectFrom('accounts')
          .select(['id', 'name', 'currency', 'kind'])
          .where('user_id', '=', userId)
          .where('archived_at', 'is', null)
          .execute()
      ).filter((account) => new RegExp(`(^|\\D)${lastFour}(\\D|$)`).test(account.name))
    : [];
  if (named.length === 1) return { ...named[0]!, currency: named[0]!.currency.trim() };
  throw new DomainError(
    'BAD_INPUT',
    named.length > 1
      ? `The file is of account ${fileAccount}, and ${named.length} of your accounts end in ${lastFour}: choose the account to import into (accountId)`
      : `No account of yours has imported a file of account ${fileAccount} before: choose the account to import into (accountId)`,
  );
}

/** The bank's closing balance for the file's account, the latest one stated. */
function statementBalance(
  statement: ParsedStatement,
  account: number | null,
): { date: string; amountMinor: number } | null {
  if (account === null) return null;
  const stated = statement.balances.filter((b) => b.account === account);
  const closing = stated.filter((b) => b.kind === 'closing');
  const latest = (closing.length > 0 ? closing : stated.filter((b) => b.kind === 'interim')).sort(
    (a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0),
  )[0];
  return latest ? { date: latest.date, amountMinor: latest.amountMinor } : null;
}

async function balanceCheck(
  trx: Kysely<Database>,
  options: {
    userId: string;
    batchId: string;
    accountId: string;
    on: string;
    statementMinor: number;
  },
): Promise<NonNullable<ImportPreview['balance']>> {
  const { userId, batchId, accountId, on, statementMinor } = options;
  const { rows } = await sql<{ outlay: number; change: number }>`
    select
      (select a.opening_balance_minor + coalesce((
          select sum(t.amount_minor) from transactions t
          where t.user_id = ${userId} and t.account_id = ${accountId} and t.occurred_on <= ${on}::date
        ), 0)
        from accounts a where a.user_id = ${userId} and a.id = ${accountId})::bigint as outlay,
      coalesce((
        select sum(case
          when r.decision = 'insert' and r.occurred_on <= ${on}::date then r.amount_minor
          -- A merge takes the bank's date (a transfer keeps its own, so it moves nothing).
          when r.decision = 'merge' and r.occurred_on <= ${on}::date and t.occurred_on > ${on}::date
            then r.amount_minor
          when r.decision = 'merge' and r.occurred_on > ${on}::date and t.occurred_on <= ${on}::date
            then -r.amount_minor
          else 0 end)
        from import_rows r
        left join transactions t on t.user_id = r.user_id and t.id = r.match_id
          and r.decision = 'merge' and t.transfer_id is null
        where r.user_id = ${userId} and r.batch_id = ${batchId}
      ), 0)::bigint as change`.execute(trx);
  const outlay = Number(rows[0]?.outlay ?? 0);
  const after = outlay + Number(rows[0]?.change ?? 0);
  return {
    on,
    statementMinor,
    outlayMinor: outlay,
    afterImportMinor: after,
    differenceMinor: after - statementMinor,
  };
}
