import { IMPORT_MATCH_WINDOW_DAYS } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * Classifies every row of a preview against the account's existing rows, set-based: a handful of
 * statements whatever the number of rows, so a 100,000-row file against a million existing rows
 * is index lookups and one sort, not 100,000 round trips. DESIGN §10:
 *
 * 1. `alreadyImported`: the account has a row with the same bank id (or, for a file without ids,
 *    the same fingerprint), or the file lists the bank id twice. Skipped by default.
 * 2. Candidates: existing rows without a bank id (rows entered by hand or by other means) with
 *    the same amount within the window of days. The same day and a similar payee (or none on the
 *    existing row) is `probable`, merged by default; anything else in the window is `possible`,
 *    inserted by default, since merging changes a row the person wrote.
 * 3. Each existing row is claimed by at most one file row: candidates are inserted best first
 *    into a table unique on both sides, skipping conflicts — a greedy assignment in one statement.
 */
export async function matchImportRows(
  trx: Kysely<Database>,
  { userId, batchId, accountId }: { userId: string; batchId: string; accountId: string },
): Promise<void> {
  const ofBatch = sql`r.user_id = ${userId} and r.batch_id = ${batchId}`;

  await sql`
    update import_rows r set classification = 'alreadyImported', decision = 'skip',
      confidence = 100, match_id = t.id,
      reason = case when r.external_id like 'fp:%'
        then 'Imported before: ' || ${label(sql`t`)} || ' has the same date, amount and payee'
        else 'Imported before: ' || ${label(sql`t`)} || ' has the same bank id' end
    from transactions t
    where ${ofBatch} and t.user_id = ${userId} and t.account_id = ${accountId}
      and t.external_id = r.external_id`.execute(trx);

  // A bank id the file lists twice is one transaction: the later rows are left out (a second
  // insert would break the id's uniqueness).
  await sql`
    update import_rows r set classification = 'alreadyImported', decision = 'skip',
      confidence = 100, match_id = null,
      reason = 'The file lists this bank id again; row ' || d.first || ' has it first'
    from (
      select row_no, min(row_no) over (partition by external_id) as first
      from import_rows where user_id = ${userId} and batch_id = ${batchId}
    ) d
    where ${ofBatch} and r.row_no = d.row_no and d.first < d.row_no
      and r.classification = 'new'`.execute(trx);

  await sql`drop table if exists pg_temp.import_candidates`.execute(trx);
  await sql`create temporary table import_candidates on commit drop as
    select r.row_no, t.id as tx_id, m.probable, m.confidence,
      case when m.probable then 'Same date and amount as ' || ${label(sql`t`)} || ', ' || m.payee_words
        else 'Same amount as ' || ${label(sql`t`)} || ', ' || m.days || ' day'
          || case when m.days = 1 then '' else 's' end
          || case when t.occurred_on < r.occurred_on then ' earlier' else ' later' end
          || ', ' || m.payee_words end as reason
    from import_rows r
    join transactions t on t.user_id = ${userId} and t.account_id = ${accountId}
      and t.amount_minor = r.amount_minor
      and t.occurred_on between r.occurred_on - ${IMPORT_MATCH_WINDOW_DAYS}::int
        and r.occurred_on + ${IMPORT_MATCH_WINDOW_DAYS}::int
      and t.external_id is null
    cross join lateral (
      select ${normalised(sql`coalesce(r.payee, r.description)`)} as mine,
        ${normalised(sql`coalesce(t.payee, t.description)`)} as theirs,
        abs(t.occurred_on - r.occurred_on) as days
    ) n
    cross join lateral (
      select case when n.theirs = '' then 'which has no payee'
          when n.mine = n.theirs then 'the same payee'
          when ${similar(sql`n.mine`, sql`n.theirs`)} then 'a similar payee'
          else 'but a different payee' end as payee_words,
        n.days = 0 and (n.theirs = '' or ${similar(sql`n.mine`, sql`n.theirs`)}) as probable,
        n.days
    ) p
    cross join lateral (
      select p.probable, p.payee_words, p.days,
        (case when p.probable then
            case when n.mine = n.theirs then 95 when n.theirs = '' then 75 else 85 end
          when n.theirs = '' or ${similar(sql`n.mine`, sql`n.theirs`)} then 70 - 10 * p.days
          else 40 - 10 * p.days end)::smallint as confidence
    ) m
    where ${ofBatch} and r.classification = 'new'`.execute(trx);

  await sql`drop table if exists pg_temp.import_claims`.execute(trx);
  await sql`create temporary table import_claims (
    row_no integer primary key, tx_id uuid not null unique, probable boolean not null,
    confidence smallint not null, reason text not null) on commit drop`.execute(trx);
  // Best first: each file row takes its best existing row not already taken. PostgreSQL inserts
  // in the order the sorted subquery yields, and DO NOTHING skips a row whose file row or
  // existing row is already claimed, by this statement's earlier rows too.
  await sql`
    insert into import_claims
    select row_no, tx_id, probable, confidence, reason from import_candidates
    order by confidence desc, row_no, tx_id
    on conflict do nothing`.execute(trx);

  await sql`
    update import_rows r set
      classification = case when c.probable then 'probable' else 'possible' end,
      decision = case when c.probable then 'merge' else 'insert' end,
      match_id = c.tx_id, confidence = c.confidence, reason = c.reason
    from import_claims c
    where ${ofBatch} and r.row_no = c.row_no`.execute(trx);
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
