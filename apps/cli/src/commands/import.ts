import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportCommitResult, ImportPreview } from '@outlay/client';
import { defineCommand } from '../command.ts';
import { CliError, EXIT, usageError } from '../errors.ts';
import { accountNamed } from '../filter-flags.ts';

/** Files at least this big get a line on stderr before each slow step. */
const PROGRESS_BYTES = 1024 * 1024;

async function readStatement(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new CliError(EXIT.notFound, `No file ${path}.`);
    throw new CliError(EXIT.error, `Cannot read ${path}: ${(error as Error).message}`);
  }
}

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Import a bank statement (CSV, OFX, QIF or camt.053) into an account',
  description:
    'Upload a statement and show how its rows compare with the account’s transactions: new,\n' +
    'already imported, or a probable or possible match. Nothing is written without --commit,\n' +
    'which then imports it with those decisions (review and change them in the web app instead).\n' +
    '--json prints the API’s preview, and with --commit { preview, commit }.',
  argument: { value: 'FILE', help: 'the statement file' },
  options: {
    account: { type: 'string', value: 'NAME|ID', help: 'the account, by name or id (required)' },
    commit: { type: 'boolean', help: 'import the rows (needs a token with write access)' },
  },
  async run({ values, argument, connect, stderr }) {
    if (values.account === undefined) throw usageError('--account is required.');
    const path = argument!;
    const bytes = await readStatement(path);
    const progress = (line: string) => {
      if (bytes.length >= PROGRESS_BYTES) stderr.write(`${line}\n`);
    };
    const connection = await connect();
    const accounts = await connection.call((client, options) =>
      client.accounts.list.query(undefined, options),
    );
    const account = accountNamed(accounts, values.account);

    const form = new FormData();
    form.append('file', new Blob([bytes]), basename(path));
    form.append('accountId', account.id);
    progress(`Uploading ${basename(path)} (${(bytes.length / 1024 / 1024).toFixed(1)} MB)…`);
    const preview = await connection.call((client, options) =>
      client.imports.preview.mutate(form, options),
    );
    if (!values.commit) {
      return {
        json: preview,
        text:
          `${renderPreview(preview)}\n\n` +
          'Nothing is imported yet: run again with --commit to import it, or review it in the web app.',
      };
    }
    progress(`Importing ${preview.counts.total} rows…`);
    const commit = await connection.call((client, options) =>
      client.imports.commit.mutate({ batchId: preview.batchId }, options),
    );
    return {
      json: { preview, commit },
      text: `${renderPreview(preview)}\n\n${renderCommit(commit)}`,
    };
  },
});

/** Problems with the file shown by message; the web app lists them all. */
const SHOWN_ISSUES = 5;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function renderPreview(preview: ImportPreview): string {
  const { counts, actions } = preview;
  const lines = [
    `${preview.fileName} (${preview.format}) for ${preview.account.name}: ` +
      `${plural(counts.total, 'row', 'rows')}.`,
    `${counts.new} new, ${counts.alreadyImported} already imported, ` +
      `${plural(counts.probable, 'probable match', 'probable matches')}, ` +
      `${plural(counts.possible, 'possible match', 'possible matches')}.`,
    `Importing adds ${actions.insert}, merges ${actions.merge} and skips ${actions.skip}.`,
  ];
  if (preview.errorCount > 0 || preview.warningCount > 0) {
    lines.push(
      '',
      `${plural(preview.errorCount, 'entry', 'entries')} left out, ` +
        `${plural(preview.warningCount, 'warning', 'warnings')}:`,
    );
    const issues = [...preview.errors, ...preview.warnings];
    for (const issue of issues.slice(0, SHOWN_ISSUES)) lines.push(`  ${issue.message}`);
    const more = preview.errorCount + preview.warningCount - Math.min(issues.length, SHOWN_ISSUES);
    if (more > 0) lines.push(`  …and ${more} more (the web app lists them).`);
  }
  return lines.join('\n');
}

export function renderCommit(commit: ImportCommitResult): string {
  const bills =
    commit.billsPaid === 0
      ? ''
      : ` It paid ${commit.billsPaid} bill${commit.billsPaid === 1 ? '' : 's'}.`;
  return `Imported: ${commit.inserted} new, ${commit.merged} merged, ${commit.skipped} skipped.${bills}`;
}
