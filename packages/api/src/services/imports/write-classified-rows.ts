import { IMPORT_MATCH_WINDOW_DAYS, type ParsedTransaction } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';

/** File rows sent to the database per statement: a bounded parameter, a few round trips a file. */
const ROWS_PER_INSERT = 5_000;

/**
 * Writes a file's rows into a preview, each classified against the account's existing rows,
 * set-based: a fixed handful of statements whatever the number of rows, so a 100,000-row file
 * against a million existing rows is index lookups and sorts, not 100,000 round trips. DESIGN §10:
 *
 * 1. `alreadyImported`: the account has a row with the same bank id (or, for a row without one,
 *    the same fingerprint), or the file lists the bank id again. Skipped by default.
 * 2. Candidates: existing rows without a bank id (rows entered by hand or by other means) with
 *    the same amount within the window of days. The same day and a similar payee (or none on the
 *    existing row) is `probable`, merged by default; anything else in the window is `possible`,
 *    inserted by default, since merging changes a row the person wrote.
 * 3. Each existing row is claimed by at most one file row: candidates are inserted best first
 *    into a table unique on both sides, skipping conflicts — a greedy assignment in one statement.
 *
 * The work happens in temporary tables that are analysed as they are filled, so the planner
 * knows their sizes (a table just filled with 100,000 rows has no statistics, and a plan made for
 * one row would compare every pair); `import_rows` is written once, at the end.
 */
export async function writeClassifiedRows(
  trx: Kysely<Database>,
  {
    userId,
    batchId,
    accountId,
    transactions,
  }: {
    userId: string;
    batchId: string;
    accountId: string;
    transactions: readonly ParsedTransaction[];
  },
): Promise<void> {
  await sql`drop table if exists pg_temp.import_file, pg_temp.import_stage, pg_temp.import_known,
    pg_temp.import_candidates, pg_temp.import_claims`.execute(trx);
  await sql`create temporary table import_stage (
    row_no integer primary key, line integer, occurred_on date not null,
    amount_minor bigint not null, payee text, description text, bank_id text) on commit drop`.execute(
    trx,
  );
  const rows = transactions.map((t, index) => ({
    row_no: index + 1,
    line: t.line,
    occurred_on: t.date,
    amount_minor: t.amountMinor,
    payee: clean(t.payee),
    description: clean(t.memo),
    bank_id: clean(t.externalId),
  }));
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await sql`
      insert into import_stage
      select row_no, line, occurred_on, amount_minor, left(nullif(trim(payee), ''), 200),
        left(nullif(trim(description), ''), 500), nullif(trim(bank_id), '')
      from json_to_recordset(${JSON.stringify(rows.slice(start, start + ROWS_PER_INSERT))}::json)
        as r (row_no integer, line integer, occurred_on date, amount_minor bigint, payee text,
          description text, bank_id text)`.execute(trx);
  }

  // A row without a bank id gets a fingerprint in its place: its date, amount and payee, and
  // which occurrence of them it is in the file, so importing the file again finds it, and two
  // identical purchases on one day (two coffees) stay two rows. `first` is the first row with
  // the same id, for bank ids a file lists twice.
  await sql`create temporary table import_file on commit drop as
    select s.*, s.bank_id is null as fingerprinted,
      min(s.row_no) over (partition by s.external_id) as first,
      ${normalised(sql`coalesce(s.payee, s.description)`)} as norm_payee
    from (
      select f.*, coalesce(f.bank_id, f.fingerprint || ':'
          || row_number() over (partition by f.fingerprint order by f.row_no)) as external_id
      from (
        select *, 'fp:' || md5(concat_ws('|', occurred_on, amount_minor,
          lower(coalesce(payee, description, '')))) as fingerprint
        from import_stage
      ) f
    ) s`.execute(trx);
  await sql`alter table import_file add primary key (row_no)`.execute(trx);
  await sql`analyze import_file`.execute(trx);

  await sql`create temporary table import_known on commit drop as
    select f.row_no, t.id as tx_id,
      case when f.fingerprinted
        then 'Imported before: ' || ${label(sql`t`)} || ' has the same date, amount and payee'
        else 'Imported before: ' || ${label(sql`t`)} || ' has the same bank id' end as reason
    from import_file f
    join transactions t on t.user_id = ${userId} and t.account_id = ${accountId}
      and t.external_id = f.external_id`.execute(trx);
  await sql`alter table import_known add primary key (row_no)`.execute(trx);
  await sql`analyze import_known`.execute(trx);

  await sql`create temporary table import_candidates on commit drop as
    select f.row_no, t.id as tx_id, m.probable, m.confidence,
      case when m.probable then 'Same date and amount as ' || ${label(sql`t`)} || ', ' || m.payee_words
        else 'Same amount as ' || ${label(sql`t`)} || ', ' || m.days || ' day'
          || case when m.days = 1 then '' else 's' end
          || case when t.occurred_on < f.occurred_on then ' earlier' else ' later' end
          || ', ' || m.payee_words end as reason
    from import_file f
    join transactions t on t.user_id = ${userId} and t.account_id = ${accountId}
      and t.amount_minor = f.amount_minor
      and t.occurred_on between f.occurred_on - ${IMPORT_MATCH_WINDOW_DAYS}::int
        and f.occurred_on + ${IMPORT_MATCH_WINDOW_DAYS}::int
      and t.external_id is null
    cross join lateral (
      select f.norm_payee as mine,
        ${normalised(sql`coalesce(t.payee, t.description)`)} as theirs,
        abs(t.occurred_on - f.occurred_on) as days
    ) n
    cross join lateral (
      select ${similar(sql`n.mine`, sql`n.theirs`)} as similar
    ) s
    cross join lateral (
      select n.days = 0 and (n.theirs = '' or s.similar) as probable, n.days,
        case when n.theirs = '' then 'which has no payee'
          when n.mine = n.theirs then 'the same payee'
          when s.similar then 'a similar payee'
          else 'but a different payee' end as payee_words,
        (case when n.days = 0 and (n.theirs = '' or s.similar) then
            case when n.mine = n.theirs then 95 when n.theirs = '' then 75 else 85 end
          when n.theirs = '' or s.similar then 70 - 10 * n.days
          else 40 - 10 * n.days end)::smallint as confidence
    ) m
    where f.first = f.row_no
      and not exists (select 1 from import_known k where k.row_no = f.row_no)`.execute(trx);
  await sql`analyze import_candidates`.execute(trx);

  await sql`create temporary table import_claims (
    row_no integer primary key, tx_id uuid not null unique, probable boolean not null,
    confidence smallint not null, reason text not null) on commit drop`.execute(trx);
  // Best first: each file row takes its best existing row not already taken. PostgreSQL inserts
  // in the order the sorted query yields, and DO NOTHING skips a row whose file row or existing
  // row is already claimed, by this statement's earlier rows too.
  await sql`
    insert into import_claims
    select row_no, tx_id, probable, confidence, reason from import_candidates
    order by confidence desc, row_no, tx_id
    on conflict do nothing`.execute(trx);
  await sql`analyze import_claims`.execute(trx);

  await sql`
    insert into import_rows (user_id, batch_id, row_no, line, occurred_on, amount_minor, payee,
      description, external_id, classification, match_id, confidence, reason, decision)
    select ${userId}, ${batchId}, f.row_no, f.line, f.occurred_on, f.amount_minor, f.payee,
      f.description, f.external_id,
      case when k.row_no is not null or f.first < f.row_no then 'alreadyImported'
        when c.probable then 'probable' when c.row_no is not null then 'possible'
        else 'new' end,
      coalesce(k.tx_id, c.tx_id),
      case when k.row_no is not null or f.first < f.row_no then 100
        else coalesce(c.confidence, 100) end,
      case when k.row_no is not null then k.reason
        when f.first < f.row_no then 'The file lists this bank id again; row ' || f.first || ' has it first'
        when c.row_no is not null then c.reason
        else 'New: no row of the account has this bank id, or this amount within a few days' end,
      case when k.row_no is not null or f.first < f.row_no then 'skip'
        when c.probable then 'merge' else 'insert' end
    from import_file f
    left join import_known k on k.row_no = f.row_no
    left join import_claims c on c.row_no = f.row_no
    order by f.row_no`.execute(trx);
}

/**
 * Text as a person may type it (no control characters: contracts refuse them in every text a
 * person sends, and PostgreSQL refuses NUL), so imported rows edit like any other.
 */
function clean(text: string | null): string | null {
  return text === null ? null : text.replace(/\p{Cc}+/gu, ' ');
}

/** Text reduced for comparing payees: lower case, runs of anything but letters and digits one space. */
function normalised(text: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`trim(regexp_replace(lower(coalesce(${text}, '')), '[^[:alnum:]]+', ' ', 'g'))`;
}

/**
 * Two normalised payees are similar when one holds the other (a bank's "CARD 1234 STARBUCKS
 * LONDON" and a person's "Starbucks") or they start with the same word of three letters or more.
 */
function similar(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${a} <> '' and ${b} <> '' and (
    (length(${b}) >= 3 and strpos(${a}, ${b}) > 0) or (length(${a}) >= 3 and strpos(${b}, ${a}) > 0)
    or (length(split_part(${a}, ' ', 1)) >= 3 and split_part(${a}, ' ', 1) = split_part(${b}, ' ', 1))))`;
}

/** An existing row in words: `'Coffee' on 3 Nov 2025`. */
function label(t: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`coalesce('''' || coalesce(${t}.payee, ${t}.description) || '''', 'a row without a payee')
    || ' on ' || to_char(${t}.occurred_on, 'FMDD Mon YYYY')`;
}
