import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Accounts that are hard to take over (refresh-token families, API tokens, two-factor, an audit
// trail) and row-level security, so one user's rows stay unreachable from another user's requests
// even when application code forgets its `where user_id`.

/** The role every authenticated request switches to, for the length of its transaction. */
const APP_ROLE = 'outlay_app';

/** User-owned tables and the column that names their owner. */
const OWNED_TABLES: [table: string, ownerColumn: string][] = [
  ['users', 'id'],
  ['sessions', 'user_id'],
  ['refresh_tokens', 'user_id'],
  ['categories', 'user_id'],
  ['accounts', 'user_id'],
  ['transactions', 'user_id'],
  ['api_tokens', 'user_id'],
  ['recovery_codes', 'user_id'],
  ['audit_log', 'user_id'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users
    add column totp_secret text,
    add column totp_enabled_at timestamptz,
    add column password_changed_at timestamptz not null default now()`.execute(db);

  // One row per refresh token; the session is the family. A used token presented again revokes
  // its session, and with it every token of the family.
  await sql`create table refresh_tokens (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    session_id uuid not null,
    token_hash text not null,
    created_at timestamptz not null default now(),
    used_at timestamptz,
    primary key (user_id, id),
    foreign key (user_id, session_id) references sessions (user_id, id) on delete cascade
  )`.execute(db);
  await sql`create unique index refresh_tokens_hash_key on refresh_tokens (token_hash)`.execute(db);

  await sql`create table api_tokens (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    name text not null check (length(trim(name)) between 1 and 100),
    token_hash text not null,
    scope text not null check (scope in ('read', 'write')),
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    primary key (user_id, id)
  )`.execute(db);
  await sql`create unique index api_tokens_hash_key on api_tokens (token_hash)`.execute(db);

  await sql`create table recovery_codes (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    code_hash text not null,
    used_at timestamptz,
    primary key (user_id, id)
  )`.execute(db);

  // Security events. user_id is null for events about no known account (a sign-in attempt for an
  // unknown email), so the key is the id alone.
  await sql`create table audit_log (
    id bigint generated always as identity primary key,
    user_id uuid references users (id) on delete set null,
    actor_id uuid,
    action text not null,
    detail jsonb not null default '{}',
    ip text,
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index audit_log_user_at_idx on audit_log (user_id, at desc)`.execute(db);

  // Roles are cluster-wide: several databases (tests run in parallel) may race to create it.
  await sql`do $$ begin
    create role ${sql.raw(APP_ROLE)} nologin;
  exception when duplicate_object or unique_violation then null;
  end $$`.execute(db);
  // The connecting role must be allowed to switch to it (superusers always may).
  await sql`do $$ begin
    execute format('grant ${sql.raw(APP_ROLE)} to %I', current_user);
  exception when others then null;
  end $$`.execute(db);
  await sql`grant usage on schema public to ${sql.raw(APP_ROLE)}`.execute(db);

  for (const [table, ownerColumn] of OWNED_TABLES) {
    const t = sql.raw(table);
    await sql`grant select, insert, update, delete on ${t} to ${sql.raw(APP_ROLE)}`.execute(db);
    await sql`alter table ${t} enable row level security`.execute(db);
    await sql`alter table ${t} force row level security`.execute(db);
    // Requests as the app role see only the rows of the user their transaction names; without
    // that setting, nothing. The sub-select is evaluated once per query, not once per row.
    await sql`create policy ${sql.raw(`${table}_own_rows`)} on ${t} to ${sql.raw(APP_ROLE)}
      using (${sql.raw(ownerColumn)} = (select nullif(current_setting('app.user_id', true), '')::uuid))
      with check (${sql.raw(ownerColumn)} = (select nullif(current_setting('app.user_id', true), '')::uuid))`.execute(
      db,
    );
    // The owning role (migrations, sign-in before a user is known, the seeders) keeps full access.
    await sql`create policy ${sql.raw(`${table}_owner`)} on ${t} to current_user
      using (true) with check (true)`.execute(db);
  }
  await sql`grant usage on all sequences in schema public to ${sql.raw(APP_ROLE)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of OWNED_TABLES) {
    await sql`drop policy if exists ${sql.raw(`${table}_own_rows`)} on ${sql.raw(table)}`.execute(
      db,
    );
    await sql`drop policy if exists ${sql.raw(`${table}_owner`)} on ${sql.raw(table)}`.execute(db);
    await sql`alter table ${sql.raw(table)} no force row level security`.execute(db);
    await sql`alter table ${sql.raw(table)} disable row level security`.execute(db);
  }
  for (const table of ['audit_log', 'recovery_codes', 'api_tokens', 'refresh_tokens']) {
    await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  }
  await sql`alter table users drop column totp_secret, drop column totp_enabled_at, drop column password_changed_at`.execute(
    db,
  );
}
