/**
 * One form for a new account and for changing one: name, kind, currency (an ISO 4217 code),
 * opening balance (either sign: a credit card opens in debt) and the day it was opened. The
 * amount is read in the account's own currency and the browser's locale (`parseSignedAmount`)
 * and shown back with `amountInputValue`, both exact.
 */
import { amountInputValue } from '@outlay/client';
import {
  inDateDomain,
  isCalendarDate,
  type Account,
  type AccountKind,
  type CreateAccountInput,
  type UpdateAccountInput,
} from '@outlay/contracts';
import { useState, type FormEvent } from 'react';
import { FormFooter } from '../components/form-footer.tsx';
import { NameField } from '../components/contract-text-fields.tsx';
import { ChoiceField } from '../components/select-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { DateField, MoneyField } from '../ledger/amount-field.tsx';
import { parseSignedAmount } from '../lib/signed-amount.ts';
import { changedFields } from '../lib/changed-fields.ts';

export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  checking: 'Checking',
  savings: 'Savings',
  credit: 'Credit card',
  cash: 'Cash',
};

interface Draft {
  name: string;
  kind: AccountKind;
  currency: string;
  openingBalance: string;
  openedOn: string;
}

type Errors = Partial<Record<keyof Draft, string>>;

/** What the form holds, read and checked; `errors` says what is wrong where it is wrong. */
export function readAccountDraft(
  draft: Draft,
  locale: string,
): { errors: Errors; value?: CreateAccountInput } {
  const errors: Errors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Give the account a name.';
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'A three-letter code, like USD or EUR.';
  let openingBalanceMinor = 0;
  if (draft.openingBalance.trim() !== '' && !errors.currency) {
    const parsed = parseSignedAmount(draft.openingBalance, currency, locale);
    if (parsed.ok) openingBalanceMinor = parsed.minor;
    else errors.openingBalance = parsed.error;
  }
  if (Math.abs(openingBalanceMinor) > 1_000_000_000_000) {
    errors.openingBalance = 'That amount is too large.';
  }
  const openedOn = draft.openedOn.trim();
  if (openedOn !== '' && !(isCalendarDate(openedOn) && inDateDomain(openedOn))) {
    errors.openedOn = 'A date between 1900 and 2100.';
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    value: {
      name,
      kind: draft.kind,
      currency,
      openingBalanceMinor,
      ...(openedOn === '' ? {} : { openedOn }),
    },
  };
}

/** The `accounts.update` patch of what changed. */
export function accountPatch(
  account: Account,
  value: CreateAccountInput,
): UpdateAccountInput['patch'] {
  return changedFields(account, {
    name: value.name,
    kind: value.kind,
    currency: value.currency,
    openingBalanceMinor: value.openingBalanceMinor ?? 0,
    openedOn: value.openedOn ?? null,
  });
}

export function AccountForm({
  account,
  homeCurrency,
  locale,
  pending,
  error,
  fieldErrors,
  onSubmit,
  onCancel,
}: {
  /** The account being changed; `null` for a new one. */
  account: Account | null;
  homeCurrency: string;
  locale: string;
  pending: boolean;
  /** The server's refusal, no field's. */
  error: string;
  fieldErrors: Errors;
  onSubmit: (value: CreateAccountInput) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() =>
    account
      ? {
          name: account.name,
          kind: account.kind,
          currency: account.currency,
          openingBalance:
            account.openingBalanceMinor === 0
              ? ''
              : amountInputValue(account.openingBalanceMinor, account.currency, locale),
          openedOn: account.openedOn ?? '',
        }
      : { name: '', kind: 'checking', currency: homeCurrency, openingBalance: '', openedOn: '' },
  );
  const [errors, setErrors] = useState<Errors>({});
  const shown = { ...fieldErrors, ...errors };
  const id = account ? `account-${account.id}` : 'new-account';
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { errors: found, value } = readAccountDraft(draft, locale);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${id}-${first}"]`)?.focus();
      return;
    }
    if (value) onSubmit(value);
  }

  return (
    <form onSubmit={submit} noValidate className="account-form">
      <NameField
        id={`${id}-name`}
        value={draft.name}
        onChange={(name) => set({ name })}
        error={shown.name}
      />
      <ChoiceField
        id={`${id}-kind`}
        label="Kind"
        value={draft.kind}
        onChange={(kind) => set({ kind })}
        labels={ACCOUNT_KIND_LABELS}
      />
      <TextField
        id={`${id}-currency`}
        label="Currency"
        value={draft.currency}
        onChange={(currency) => set({ currency: currency.toUpperCase() })}
        error={shown.currency}
        hint={
          account ? 'Can change only while the account has no transactions.' : 'ISO code, like USD.'
        }
        maxLength={3}
        autoComplete="off"
        spellCheck={false}
        className="currency-input"
      />
      <MoneyField
        id={`${id}-openingBalance`}
        label="Opening balance"
        value={draft.openingBalance}
        onChange={(openingBalance) => set({ openingBalance })}
        error={shown.openingBalance}
        hint="Optional. Negative for money owed, like a card’s balance."
      />
      <DateField
        id={`${id}-openedOn`}
        label="Opened on"
        value={draft.openedOn}
        onChange={(openedOn) => set({ openedOn })}
        error={shown.openedOn}
        hint="Optional."
      />
      <FormFooter
        error={error}
        pending={pending && (account ? 'Saving…' : 'Adding…')}
        label={account ? 'Save' : 'Add account'}
        onCancel={onCancel}
      />
    </form>
  );
}
