/**
 * Quick entry: the global Add (the shell's button, or `n`). Date (today), amount (money out
 * unless switched: the sign button, or typing + / − in the amount), payee with suggestions from
 * the person's own history, the category that payee had last time, and the account used last
 * (remembered in localStorage). Enter saves and leaves the form ready for the next one, focus
 * back on the amount; the date and account stay, since a run of receipts shares them. With two
 * or more accounts it records a transfer instead (from one to the other, `transfers.create`).
 */
import { parseAmount } from '@outlay/client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { endOfMonth, startOfMonth } from '@outlay/contracts';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { FormFooter } from '../components/form-footer.tsx';
import { Sheet, SheetHeader } from '../components/sheet.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useToday } from '../lib/use-view-state.ts';
import { parseViewSearch, viewSearch } from '../lib/view-state.ts';
import { useLedger } from './ledger-context.tsx';
import { AmountField, DateField } from './amount-field.tsx';
import { PayeeField } from '../components/contract-text-fields.tsx';
import { AccountSelect, CategorySelect, usePickerLists } from './pickers.tsx';
import { rememberedAccount, rememberAccount } from './remembered-account.ts';
import './ledger.css';

export function QuickEntry({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const format = useFormatters();
  const today = useToday();
  const ledger = useLedger();
  const queryClient = useQueryClient();
  const queue = useRef<Promise<void>>(Promise.resolve());
  const amountRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const { categories, accounts, accountsLoaded } = usePickerLists();
  const create = useMutation(trpc.transactions.create.mutationOptions());
  const transfer = useMutation(trpc.transfers.create.mutationOptions());

  const [date, setDate] = useState(today);
  const [amount, setAmount] = useState('');
  const [income, setIncome] = useState(false);
  const [payee, setPayee] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  // A category the person chose stays; one filled in from the payee follows the payee.
  const [categoryChosen, setCategoryChosen] = useState(false);
  const [accountId, setAccountId] = useState('');
  // Set while recording a transfer: the account the money goes to ('' until chosen).
  const [toAccountId, setToAccountId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState('');
  const [saved, setSaved] = useState<{
    changeSetId: string;
    description: string;
    occurredOn: string;
  } | null>(null);

  // A purchase dated outside the dates the page behind shows (the dashboard's default is the
  // whole months before this one) would seem to vanish: say so, with a link to its month.
  const [location] = useLocation();
  const search = useSearch();
  const view = useMemo(() => parseViewSearch(search, today).state, [search, today]);
  const filtered = location === '/' || location === '/transactions';
  const outside =
    saved !== null &&
    filtered &&
    ((view.filter.from !== undefined && saved.occurredOn < view.filter.from) ||
      (view.filter.to !== undefined && saved.occurredOn > view.filter.to));

  const open = (accounts ?? []).filter((a) => !a.archived);
  useEffect(() => {
    if (accountId === '' && open.length > 0) setAccountId(startingAccount(open));
  }, [accountId, open]);
  const currency = open.find((a) => a.id === accountId)?.currency ?? format.currency;

  const prefix = useDebounced(payee.trim(), 150);
  const suggestions = useQuery(
    trpc.transactions.payees.queryOptions(
      { prefix: prefix === '' ? undefined : prefix.slice(0, 100), limit: 10 },
      { placeholderData: keepPreviousData, staleTime: 30_000 },
    ),
  );
  // The payee's last category, when the person picked or typed a payee they have used before.
  const match = suggestions.data?.find((s) => s.payee.toLowerCase() === payee.trim().toLowerCase());
  useEffect(() => {
    if (match && !categoryChosen) setCategoryId(match.categoryId);
  }, [match, categoryChosen]);

  /**
   * Enter: check what was typed, clear the form at once for the next entry, and queue the save
   * (saves go out one after another, in the order typed). A refused save puts its values back
   * where the form is still empty, with the reason.
   */
  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<string, string>> = {};
    const parsed = parseAmount(amount, currency, format.locale);
    if (!parsed.ok) next.amountMinor = parsed.error;
    else if (parsed.minor === 0) next.amountMinor = 'An amount cannot be zero';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) next.occurredOn = 'Enter a date';
    if (toAccountId === '') next.toAccountId = 'Choose the account the money goes to';
    setErrors(next);
    setFormError('');
    if (Object.keys(next).length > 0 || !parsed.ok) {
      if (next.amountMinor) amountRef.current?.focus();
      return;
    }
    const entry: Entry = {
      amount,
      minor: parsed.minor,
      income,
      payee,
      categoryId,
      categoryChosen,
      date,
      accountId,
      toAccountId,
    };
    setAmount('');
    setPayee('');
    setIncome(false);
    setCategoryId(null);
    setCategoryChosen(false);
    amountRef.current?.focus();
    queue.current = queue.current.then(() => save(entry));
  }

  /** A refused entry goes back into the form, unless the next one is already being typed. */
  function restore(entry: Entry) {
    if (amountRef.current?.value !== '') return;
    setAmount(entry.amount);
    setPayee(entry.payee);
    setIncome(entry.income);
    setCategoryId(entry.categoryId);
    setCategoryChosen(entry.categoryChosen);
  }

  async function save(entry: Entry) {
    try {
      // Enter pressed before the accounts arrived: wait for them rather than refuse.
      let fromAccount = entry.accountId;
      if (fromAccount === '') {
        const all = await queryClient.fetchQuery(
          trpc.accounts.list.queryOptions(undefined, { staleTime: 5 * 60_000 }),
        );
        fromAccount = startingAccount(all.filter((a) => !a.archived));
        if (fromAccount === '') {
          restore(entry);
          setFormError('Add an account first: transactions are recorded in one.');
          return;
        }
      }
      const payeeText = entry.payee.trim() === '' ? null : entry.payee.trim();
      const written =
        entry.toAccountId === null
          ? await create.mutateAsync({
              accountId: fromAccount,
              occurredOn: entry.date,
              amountMinor: entry.income ? entry.minor : -entry.minor,
              payee: payeeText,
              categoryId: entry.categoryId,
            })
          : await transfer.mutateAsync({
              fromAccountId: fromAccount,
              toAccountId: entry.toAccountId,
              occurredOn: entry.date,
              amountMinor: entry.minor,
              payee: payeeText,
            });
      rememberAccount(fromAccount);
      setAccountId((current) => (current === '' ? fromAccount : current));
      setSaved({
        changeSetId: written.changeSetId,
        description: written.description,
        occurredOn: entry.date,
      });
      // Not awaited: the next entry need not wait for the figures to refresh.
      void ledger.report(written);
    } catch (error) {
      restore(entry);
      const refused = apiError(error);
      if (Object.keys(refused.fields).length > 0) setErrors(refused.fields);
      else setFormError(generalErrorMessage(refused, refused.message || 'Couldn’t save that.'));
    }
  }

  return (
    <Sheet
      className="quick-entry"
      titleId="quick-entry-title"
      onClose={onClose}
      onOpen={() => amountRef.current?.focus()}
    >
      <form onSubmit={submit} noValidate>
        <SheetHeader titleId="quick-entry-title" title="Add a transaction" onClose={onClose} />
        {open.length === 0 && accountsLoaded && (
          <p className="muted">Add an account first: transactions are recorded in one.</p>
        )}
        <div className="quick-grid">
          <AmountField
            ref={amountRef}
            id="quick-amount"
            value={amount}
            onChange={setAmount}
            income={toAccountId === null ? income : null}
            onIncomeChange={setIncome}
            label={toAccountId === null ? undefined : 'Amount moved'}
            error={errors.amountMinor}
          />
          <PayeeField
            id="quick-payee"
            value={payee}
            onChange={setPayee}
            list={listId}
            error={errors.payee}
            onKeyDown={(event) => {
              // Enter saves even while the suggestions are open (the browser would otherwise
              // only close them, and the next entry would be typed into this one).
              if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <datalist id={listId}>
            {(suggestions.data ?? []).map((s) => (
              <option key={s.payee} value={s.payee} />
            ))}
          </datalist>
          {toAccountId === null && (
            <CategorySelect
              id="quick-category"
              label="Category"
              categories={categories}
              value={categoryId}
              onChange={(id) => {
                setCategoryId(id);
                setCategoryChosen(true);
              }}
            />
          )}
          <DateField id="quick-date" value={date} onChange={setDate} error={errors.occurredOn} />
          <AccountSelect
            id="quick-account"
            label={toAccountId === null ? 'Account' : 'From account'}
            accounts={accounts}
            value={accountId}
            onChange={setAccountId}
          />
          {toAccountId !== null && (
            <AccountSelect
              id="quick-to-account"
              label="To account"
              accounts={accounts?.filter((a) => a.id !== accountId)}
              value={toAccountId}
              onChange={setToAccountId}
            />
          )}
        </div>
        {open.length >= 2 && (
          <p>
            <button
              type="button"
              className="link-button"
              aria-pressed={toAccountId !== null}
              onClick={() => setToAccountId(toAccountId === null ? '' : null)}
            >
              {toAccountId === null
                ? 'Record a transfer between your accounts instead'
                : 'Record a purchase or income instead'}
            </button>
          </p>
        )}
        <FormFooter
          error={formError || errors.accountId || errors.toAccountId}
          pending={(create.isPending || transfer.isPending) && 'Saving…'}
          label="Save"
        />
        <p className="muted small">
          Enter saves and starts the next one
          {toAccountId === null && ' · + or − in the amount switches money in and out'} · Esc closes
        </p>
        {saved && (
          <p className="quick-saved" data-quick-saved>
            <span>
              Saved: {saved.description}
              {outside && (
                <>
                  {' '}
                  · not in the dates shown.{' '}
                  <Link
                    href={`${location}${viewSearch({
                      ...view,
                      preset: null,
                      filter: {
                        ...view.filter,
                        from: startOfMonth(saved.occurredOn),
                        to: endOfMonth(saved.occurredOn),
                      },
                    })}`}
                  >
                    Show {format.month(saved.occurredOn)}
                  </Link>
                </>
              )}
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                const { changeSetId } = saved;
                setSaved(null);
                void ledger.undo(changeSetId);
              }}
            >
              Undo
            </button>
          </p>
        )}
      </form>
    </Sheet>
  );
}

/** What was typed for one save, taken when Enter was pressed. */
interface Entry {
  amount: string;
  minor: number;
  income: boolean;
  payee: string;
  categoryId: string | null;
  categoryChosen: boolean;
  date: string;
  accountId: string;
  toAccountId: string | null;
}

/** The remembered account while it still exists and is open, else the first open one. */
function startingAccount(open: readonly { id: string }[]): string {
  const remembered = rememberedAccount();
  return open.find((a) => a.id === remembered)?.id ?? open[0]?.id ?? '';
}

/** The value after it has stopped changing for `ms`: one suggestion request per pause. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
