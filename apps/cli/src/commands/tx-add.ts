import { defineCommand } from '../command.ts';
import { usageError } from '../errors.ts';
import {
  accountNamed,
  amountText,
  categoryNamed,
  dateFromFlag,
  minorFromFlag,
} from '../filter-flags.ts';
import { renderTransactions } from './tx-list.ts';

export const txAddCommand = defineCommand({
  name: 'tx add',
  summary: 'Record a transaction',
  description:
    'Record one transaction: money out is negative (--amount -12.50), money in positive.\n' +
    'The amount is in the account’s currency. Needs a token with write access.\n' +
    '--json prints the API’s answer: { changeSetId, description, transactions }.',
  options: {
    account: { type: 'string', value: 'NAME|ID', help: 'the account, by name or id (required)' },
    amount: {
      type: 'string',
      value: 'AMOUNT',
      help: 'signed, like -12.50 for money out or 1200 for money in (required)',
    },
    date: { type: 'string', value: 'DATE', help: 'when it happened, YYYY-MM-DD (required)' },
    payee: { type: 'string', value: 'TEXT', help: 'who was paid, or who paid' },
    category: { type: 'string', value: 'NAME|ID', help: 'the category, by name or id' },
    notes: { type: 'string', value: 'TEXT', help: 'a note' },
  },
  async run({ values, connect, env }) {
    // Every flag is checked before the first call, so a usage error never waits for the network.
    for (const flag of ['account', 'amount', 'date'] as const) {
      if (values[flag] === undefined) throw usageError(`--${flag} is required.`);
    }
    const occurredOn = dateFromFlag(values.date, '--date')!;
    const [, sign = '', magnitude = ''] = /^([-+]?)(.*)$/.exec(values.amount!) ?? [];
    amountText(magnitude, '--amount');
    const connection = await connect();
    const [accounts, categories] = await connection.call((client, options) =>
      Promise.all([
        client.accounts.list.query(undefined, options),
        values.category === undefined
          ? undefined
          : client.categories.list.query(undefined, options),
      ]),
    );
    const account = accountNamed(accounts, values.account!);
    const category =
      values.category === undefined ? undefined : categoryNamed(categories ?? [], values.category);
    const minor = minorFromFlag(magnitude, '--amount', account.currency)!;
    const written = await connection.call((client, options) =>
      client.transactions.create.mutate(
        {
          accountId: account.id,
          occurredOn,
          amountMinor: sign === '-' ? -minor : minor,
          ...(values.payee === undefined ? {} : { payee: values.payee }),
          ...(category ? { categoryId: category.id } : {}),
          ...(values.notes === undefined ? {} : { notes: values.notes }),
        },
        options,
      ),
    );
    return {
      json: written,
      text: `Recorded:\n\n${renderTransactions(written.transactions, null, env.locale)}`,
    };
  },
});
