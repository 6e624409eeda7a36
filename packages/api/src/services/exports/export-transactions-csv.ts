/**
 * The entries of a filter as CSV, in pieces (DESIGN §10, "Export and backup"): the same rows, the
 * same filter and the same spend values as the transactions list and the dashboard, read oldest
 * first in keyset-paged chunks so memory stays flat however many rows there are. Within a day,
 * rows follow the transaction id and then the line number, so a split transaction's lines stay
 * together and in order (the list orders by entry id, which scatters them).
 *
 * Each chunk is read in its own short transaction inside the user's row-level-security context:
 * a stream outlives the request's transaction (tRPC sends it after the procedure returns), and
 * holding one transaction for the whole download would tie a connection — on PGlite, the only
 * one — to the speed of the person's network. Chunks read at different moments could disagree
 * (a row moved between them), so every chunk also reads the user's `data_version`, which every
 * write to transactions, lines, categories and accounts moves in its own transaction: the stream
 * fails with CONFLICT if it changed since the first chunk, and a file that arrives whole is one
 * consistent picture of the data.
 */
import {
  currencyDigits,
  minorToDecimal,
  TRANSACTIONS_CSV_COLUMNS,
  type TransactionFilter,
} from '@outlay/contracts';
import { joinRow, type Database } from '@outlay/db';
import { type Kysely, sql, type SqlBool } from 'kysely';
import Papa from 'papaparse';
import { DomainError } from '../../errors.ts';
import { withUserTransaction } from '../../rls.ts';
import { matchingEntries, rowSpend } from '../metrics/spend.ts';

/** Entries per chunk: one statement and one piece of the stream (about 1 MB of CSV). */
export const EXPORT_CHUNK_ROWS = 5_000;

const LINE_END = '\r\n';

export async function* exportTransactionsCsv(
  db: Kysely<Database>,
  {
    user,
    filter,
    chunkRows = EXPORT_CHUNK_ROWS,
  }: { user: { id: string }; filter: TransactionFilter; chunkRows?: number },
): AsyncGenerator<string, void, undefined> {
  // Inside a caller's transaction (tests, scripts) the caller holds the context already.
  const read = <T>(work: (trx: Kysely<Database>) => Promise<T>) =>
    db.isTransaction ? work(db) : withUserTransaction(db, user.id, work);

  yield toCsv([[...TRANSACTIONS_CSV_COLUMNS]]);
  let after: Position | null = null;
  let version: number | null = null;
  for (;;) {
    const { rows, dataVersion } = await read(async (trx) => {
      const rows = await chunk(trx, user.id, filter, after, chunkRows);
      // The version comes with the rows (one statement, one snapshot); an empty chunk asks alone.
      const dataVersion = rows[0]?.dataVersion ?? (await currentVersion(trx, user.id));
      return { rows, dataVersion: Number(dataVersion) };
    });
    if (version !== null && dataVersion !== version) {
      throw new DomainError(
        'CONFLICT',
        'Your data changed while it was being exported; export again for a file that matches it',
      );
    }
    version = dataVersion;
    if (rows.length > 0) yield toCsv(rows.map(toCells));
    const last = rows.at(-1);
    if (!last || rows.length < chunkRows) return;
    after = { date: last.occurredOn, id: last.id, line: last.lineNo ?? 0 };
  }
}

/** Where a chunk ends: the last row's date, transaction id and line number (0 for a whole one). */
interface Position {
  date: string;
  id: string;
  line: number;
}

function chunk(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
  after: Position | null,
  limit: number,
) {
  const line = sql<number>`coalesce(t.line_no, 0)`;
  let query = matchingEntries(db, userId, filter)
    .innerJoin('accounts as a', joinRow('a', 't.account_id'))
    .leftJoin('categories as g', joinRow('g', 'c.parent_id'))
    .select([
      't.id',
      't.line_no as lineNo',
      't.occurred_on as occurredOn',
      'a.name as accountName',
      't.payee',
      't.description',
      't.memo',
      'c.name as categoryName',
      sql<string | null>`coalesce(g.name, c.name)`.as('groupName'),
      't.amount_minor as amountMinor',
      't.currency',
      rowSpend.spendValue.as('spendMinor'),
      't.notes',
      't.transfer_id as transferId',
      sql<number | string>`(select u.data_version from users u where u.id = ${userId})`.as(
        'dataVersion',
      ),
    ])
    .orderBy('t.occurred_on', 'asc')
    .orderBy('t.id', 'asc')
    .orderBy(line, 'asc')
    .limit(limit);
  if (after) {
    query = query.where(
      sql<SqlBool>`(t.occurred_on, t.id, ${line}) > (${after.date}, ${after.id}, ${after.line})`,
    );
  }
  return query.execute();
}

async function currentVersion(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('users')
    .select('data_version')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.data_version;
}

type ChunkRow = Awaited<ReturnType<typeof chunk>>[number];

function toCells(row: ChunkRow): string[] {
  const digits = currencyDigits(row.currency);
  return [
    row.occurredOn,
    neutralize(row.accountName),
    neutralize(row.payee ?? ''),
    neutralize(row.description ?? ''),
    neutralize(row.memo ?? ''),
    neutralize(row.categoryName ?? ''),
    neutralize(row.groupName ?? ''),
    minorToDecimal(Number(row.amountMinor), digits),
    row.currency,
    minorToDecimal(Number(row.spendMinor), digits),
    neutralize(row.notes ?? ''),
    row.id,
    row.lineNo === null ? '' : String(row.lineNo),
    row.transferId === null ? 'no' : 'yes',
  ];
}

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
 * return first, or their full-width forms) gets a leading `'`, which spreadsheets show as text
 * and do not display. Only text columns pass through here: amounts are plain decimals, so a
 * negative amount stays a number a spreadsheet can add up.
 */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r＝＋－＠]/.test(text) ? `'${text}` : text;
}

function toCsv(rows: string[][]): string {
  return Papa.unparse(rows, { header: false, newline: LINE_END }) + LINE_END;
}
