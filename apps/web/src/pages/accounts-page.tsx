/**
 * Accounts: every account with its kind, currency, opening balance and whether it is archived;
 * a form to add one, the same form to change one, and archive / bring back. Archived accounts
 * are hidden from pickers; their transactions stay and still count. Every write says what it
 * did, in the words History uses, and refreshes what shows accounts.
 */
import type { Account, CreateAccountInput } from '@outlay/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ACCOUNT_KIND_LABELS, AccountForm, accountPatch } from '../accounts/account-form.tsx';
import { actionsColumn } from '../components/data-table.tsx';
import { QueryTable } from '../components/load-states.tsx';
import { apiError, writeErrorMessage, type ApiError } from '../lib/api-errors.ts';
import { createFormatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useLedger, type Written } from '../ledger/ledger-context.tsx';
import '../categories/categories.css';
import '../accounts/accounts.css';
import { Page, Panel, useQueryView } from '../components/page.tsx';

/** Field errors of `accounts.create`'s input, under the form's own field names. */
function fieldErrors(problem: ApiError | null) {
  if (!problem) return {};
  const { name, currency, openingBalanceMinor, openedOn } = problem.fields;
  return { name, currency, openingBalance: openingBalanceMinor, openedOn };
}

export default function AccountsPage() {
  const trpc = useTRPC();
  const format = useFormatters();
  const list = useQuery(trpc.accounts.list.queryOptions());
  const view = useQueryView(list);
  const ledger = useLedger();
  const [editing, setEditing] = useState<Account | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  // A new form (empty again) after each account added.
  const [added, setAdded] = useState(0);

  useEffect(() => {
    document.title = 'Accounts · Outlay';
  }, []);

  // Each account's amounts in its own currency.
  const money = useMemo(() => {
    const cache = new Map<string, (minor: number) => string>();
    return (minor: number, currency: string) => {
      let formatter = cache.get(currency);
      if (!formatter) {
        const formatters = createFormatters(format.locale, currency);
        formatter = (minor: number) => formatters.money(minor);
        cache.set(currency, formatter);
      }
      return formatter(minor);
    };
  }, [format.locale]);

  const written = (result: Written) => {
    setProblem(null);
    void ledger.report(result);
  };
  const refused = (error: unknown) => setProblem(apiError(error));
  const create = useMutation(
    trpc.accounts.create.mutationOptions({
      onSuccess: (result) => {
        written(result);
        setAdded((n) => n + 1);
      },
      onError: refused,
    }),
  );
  const update = useMutation(
    trpc.accounts.update.mutationOptions({
      onSuccess: (result) => {
        written(result);
        setEditing(null);
      },
      onError: refused,
    }),
  );
  const rowWrite = {
    ...ledger.rowWrite('Outlay could not change this account.'),
    onSuccess: written,
  };
  const archive = useMutation(trpc.accounts.archive.mutationOptions(rowWrite));
  const unarchive = useMutation(trpc.accounts.unarchive.mutationOptions(rowWrite));
  const toggling = archive.isPending || unarchive.isPending;

  function submit(value: CreateAccountInput) {
    setProblem(null);
    if (!editing) {
      create.mutate(value);
      return;
    }
    const patch = accountPatch(editing, value);
    if (Object.keys(patch).length === 0) setEditing(null);
    else update.mutate({ id: editing.id, patch });
  }

  function startEditing(account: Account) {
    setProblem(null);
    setEditing(account);
    // The form takes the place of "New account"; its first field takes the focus.
    requestAnimationFrame(() => document.getElementById(`account-${account.id}-name`)?.focus());
  }

  const formProblem = problem
    ? writeErrorMessage(
        problem,
        editing ? 'Outlay could not save this account.' : 'Outlay could not add this account.',
      )
    : '';
  const problemFields = fieldErrors(problem);
  const hasFieldError = Object.values(problemFields).some(Boolean);

  return (
    <Page
      className="accounts-page"
      {...view}
      title="Accounts"
      line="Where your money is kept: bank accounts, cards and cash."
    >
      <div className="manage-layout">
        <Panel id="accounts" title="Your accounts">
          <QueryTable
            query={list}
            rows={list.data}
            what="your accounts"
            empty="No accounts yet. Add the first one with the form: the account your card or salary goes through is a good start."
            caption="Your accounts"
            className="accounts-table"
            rowKey={(account) => account.id}
            columns={[
              {
                key: 'name',
                header: 'Name',
                rowHeader: true,
                cell: (account) => (
                  <span className="account-name-cell" data-account={account.name}>
                    {account.name}
                    {account.archived && <span className="badge">Archived</span>}
                  </span>
                ),
              },
              {
                key: 'kind',
                header: 'Kind',
                className: 'col-kind',
                cell: (account) => ACCOUNT_KIND_LABELS[account.kind],
              },
              {
                key: 'currency',
                header: 'Currency',
                className: 'col-currency',
                cell: (account) => account.currency,
              },
              {
                key: 'opening',
                header: 'Opening balance',
                numeric: true,
                cell: (account) => money(account.openingBalanceMinor, account.currency),
              },
              {
                key: 'opened',
                header: 'Opened',
                className: 'col-opened',
                cell: (account) =>
                  account.openedOn ? (
                    format.date(account.openedOn)
                  ) : (
                    <span className="muted">—</span>
                  ),
              },
              actionsColumn((account: Account) => (
                <>
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => startEditing(account)}
                    aria-pressed={editing?.id === account.id}
                  >
                    Edit<span className="visually-hidden"> {account.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button ghost small"
                    disabled={toggling}
                    onClick={() =>
                      account.archived
                        ? unarchive.mutate({ id: account.id })
                        : archive.mutate({ id: account.id })
                    }
                  >
                    {account.archived ? 'Unarchive' : 'Archive'}
                    <span className="visually-hidden"> {account.name}</span>
                  </button>
                </>
              )),
            ]}
          />
        </Panel>
        <Panel
          id="account-form"
          className="manage-form"
          title={editing ? `Edit ${editing.name}` : 'New account'}
        >
          <AccountForm
            key={editing?.id ?? `new-${added}`}
            account={editing}
            homeCurrency={format.currency}
            locale={format.locale}
            pending={create.isPending || update.isPending}
            error={hasFieldError ? '' : formProblem}
            fieldErrors={problemFields}
            onSubmit={submit}
            onCancel={
              editing
                ? () => {
                    setProblem(null);
                    setEditing(null);
                  }
                : undefined
            }
          />
        </Panel>
      </div>
    </Page>
  );
}
