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
import { SheetForm } from '../components/sheet.tsx';
import { AmountField, DateField } from '../ledger/amount-field.tsx';
import { useLedger } from '../ledger/ledger-context.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { changedFields } from '../lib/changed-fields.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useFormFields, type FieldErrors } from '../lib/use-form-fields.ts';

export function DueItemDialog({ item, onClose }: { item: DueItem; onClose: () => void }) {
  const trpc = useTRPC();
  const ledger = useLedger();
  const format = useFormatters();
  const fields = useFormFields({
    dueOn: item.dueOn,
    amount: amountInputValue(Math.abs(item.amountMinor), item.currency, format.locale),
  });
  const [income, setIncome] = useState(item.amountMinor > 0);
  const [problem, setProblem] = useState('');
  const update = useMutation(
    trpc.dueItems.update.mutationOptions({
      onSuccess: (result) => {
        void ledger.report(result);
        onClose();
      },
      onError: (failure) => {
        const refused = apiError(failure);
        const { dueOn, amountMinor } = refused.fields;
        if (dueOn || amountMinor) fields.showErrors({ dueOn, amount: amountMinor });
        setProblem(writeErrorMessage(refused, 'Outlay could not change this due item.'));
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { dueOn, amount } = fields.values;
    const parsed = parseAmount(amount, item.currency, format.locale);
    const errors: FieldErrors<'dueOn' | 'amount'> = {};
    if (!isCalendarDate(dueOn) || !inDateDomain(dueOn))
      errors.dueOn = 'Give the day it is now due.';
    if (!parsed.ok) errors.amount = parsed.error;
    else if (parsed.minor === 0) errors.amount = 'An amount cannot be zero.';
    fields.showErrors(errors);
    if (Object.keys(errors).length > 0 || !parsed.ok) return;
    const patch = changedFields(item, {
      dueOn,
      amountMinor: income ? parsed.minor : -parsed.minor,
    });
    if (Object.keys(patch).length === 0) onClose();
    else update.mutate({ id: item.id, patch });
  }

  return (
    <SheetForm
      className="due-dialog"
      titleId="due-edit-title"
      title={`${item.name}, due ${format.date(item.dueOn)}`}
      onClose={onClose}
      onSubmit={submit}
      onOpen={() => document.getElementById('due-edit-dueOn')?.focus()}
    >
      <p className="muted small">
        Changes this occurrence only; the bill's other due dates stay as they are.
        {item.scheduledOn && ` Its schedule says ${format.date(item.scheduledOn)}.`}
      </p>
      <DateField id="due-edit-dueOn" label="Due on" {...fields.bind('dueOn')} />
      <AmountField
        id="due-edit-amount"
        income={income}
        onIncomeChange={setIncome}
        {...fields.bind('amount')}
      />
      <FormFooter
        error={problem}
        pending={update.isPending && 'Saving…'}
        label="Save"
        onCancel={onClose}
      />
    </SheetForm>
  );
}
