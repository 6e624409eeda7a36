/**
 * One due item changed without its series: another day (this month's rent goes out on the 3rd)
 * or its own amount (this quarter's bill is higher). The series and its other occurrences stay
 * as they are; History can undo the change.
 */
import { amountInputValue, parseAmount } from '@outlay/client';
import { inDateDomain, isCalendarDate, type DueItem } from '@outlay/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormFooter } from '../components/form-footer.tsx';
import { Sheet, SheetHeader } from '../components/sheet.tsx';
import { AmountField, DateField } from '../ledger/amount-field.tsx';
import { useLedger } from '../ledger/ledger-context.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { changedFields } from '../lib/changed-fields.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';

export function DueItemDialog({ item, onClose }: { item: DueItem; onClose: () => void }) {
  const trpc = useTRPC();
  const ledger = useLedger();
  const format = useFormatters();
  const [dueOn, setDueOn] = useState(item.dueOn);
  const [amount, setAmount] = useState(() =>
    amountInputValue(Math.abs(item.amountMinor), item.currency, format.locale),
  );
  const [income, setIncome] = useState(item.amountMinor > 0);
  const [errors, setErrors] = useState<{ dueOn?: string; amount?: string }>({});
  const [problem, setProblem] = useState('');
  const update = useMutation(
    trpc.dueItems.update.mutationOptions({
      onSuccess: (result) => {
        void ledger.report(result);
        onClose();
      },
      onError: (error) =>
        setProblem(writeErrorMessage(apiError(error), 'Outlay could not change this due item.')),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseAmount(amount, item.currency, format.locale);
    const found: typeof errors = {};
    if (!isCalendarDate(dueOn) || !inDateDomain(dueOn)) found.dueOn = 'Give the day it is now due.';
    if (!parsed.ok) found.amount = parsed.error;
    else if (parsed.minor === 0) found.amount = 'An amount cannot be zero.';
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.ok) return;
    const amountMinor = income ? parsed.minor : -parsed.minor;
    const patch = changedFields(item, { dueOn, amountMinor });
    if (Object.keys(patch).length === 0) onClose();
    else update.mutate({ id: item.id, patch });
  }

  return (
    <Sheet
      className="due-dialog"
      titleId="due-edit-title"
      onClose={onClose}
      onOpen={() => document.getElementById('due-edit-dueOn')?.focus()}
    >
      <form onSubmit={submit} noValidate>
        <SheetHeader
          titleId="due-edit-title"
          title={`${item.name}, due ${format.date(item.dueOn)}`}
          onClose={onClose}
        />
        <p className="muted small">
          Changes this occurrence only; the bill's other due dates stay as they are.
          {item.scheduledOn && ` Its schedule says ${format.date(item.scheduledOn)}.`}
        </p>
        <DateField
          id="due-edit-dueOn"
          label="Due on"
          value={dueOn}
          onChange={setDueOn}
          error={errors.dueOn}
        />
        <AmountField
          id="due-edit-amount"
          value={amount}
          onChange={setAmount}
          income={income}
          onIncomeChange={setIncome}
          error={errors.amount}
        />
        <FormFooter
          error={problem}
          pending={update.isPending && 'Saving…'}
          label="Save"
          onCancel={onClose}
        />
      </form>
    </Sheet>
  );
}
