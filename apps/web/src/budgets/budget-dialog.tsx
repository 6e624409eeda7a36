/**
 * A budget's form in a modal sheet, for a new budget and for changing one: what it is for (a
 * category, or a group with the categories in it), weekly or monthly, the amount, from when (and
 * optionally until when), and what carries into the next period. Save sends only what changed;
 * Delete asks first, and History can undo either.
 */
import { amountInputValue, parseAmount } from '@outlay/client';
import {
  type Budget,
  type BudgetPeriod,
  type BudgetRollover,
  type Category,
  type CreateBudgetInput,
  inDateDomain,
  isCalendarDate,
  MAX_BUDGET_MINOR,
  startOfMonth,
} from '@outlay/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { qualifiedName } from '../categories/category-tree.ts';
import { ConfirmBox } from '../components/confirm-box.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { ChoiceField, SelectField } from '../components/select-field.tsx';
import { SheetForm } from '../components/sheet.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { changedFields } from '../lib/changed-fields.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useFormFields } from '../lib/use-form-fields.ts';
import { DateField, MoneyField } from '../ledger/amount-field.tsx';
import { useLedger } from '../ledger/ledger-context.tsx';

export const ROLLOVER_LABELS: Record<BudgetRollover, string> = {
  none: 'Nothing: each period starts afresh',
  unspent: 'What is left unspent',
  overspent: 'Overspending (the next period has less)',
  both: 'Both: what is left and what is overspent',
};

export const PERIOD_LABELS: Record<BudgetPeriod, string> = {
  weekly: 'Weekly (Monday to Sunday)',
  monthly: 'Monthly',
};

/** `c:<id>` for a category, `g:<id>` for a group with its categories. */
const targetOf = (budget: Pick<Budget, 'categoryId' | 'groupId'>) =>
  budget.groupId !== null ? `g:${budget.groupId}` : `c:${budget.categoryId}`;

/** What a budget can be for: every expense group (with its categories), then every category. */
export function targetChoices(categories: readonly Category[], budget: Budget | null) {
  const usable = categories.filter(
    (c) => c.kind === 'expense' && (!c.archived || (budget && targetOf(budget).endsWith(c.id))),
  );
  const groups = usable.filter(
    (c) => c.parentId === null && categories.some((child) => child.parentId === c.id),
  );
  return [
    ...groups.map((g) => ({ value: `g:${g.id}`, label: `${g.name} (whole group)` })),
    ...usable
      .map((c) => ({ value: `c:${c.id}`, label: qualifiedName(categories, c) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  ];
}

export function BudgetDialog({
  budget,
  categories,
  today,
  onClose,
}: {
  /** The budget being changed; null for a new one. */
  budget: Budget | null;
  categories: readonly Category[];
  today: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const ledger = useLedger();
  const format = useFormatters();
  const choices = targetChoices(categories, budget);
  const [target, setTarget] = useState(budget ? targetOf(budget) : (choices[0]?.value ?? ''));
  const [period, setPeriod] = useState<BudgetPeriod>(budget?.period ?? 'monthly');
  const [rollover, setRollover] = useState<BudgetRollover>(budget?.rollover ?? 'none');
  const fields = useFormFields({
    amount: budget ? amountInputValue(budget.amountMinor, format.currency, format.locale) : '',
    startsOn: budget?.startsOn ?? startOfMonth(today),
    endsOn: budget?.endsOn ?? '',
  });
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);

  const handlers = (fallback: string) => ({
    onSuccess: (written: { changeSetId: string; description: string }) => {
      void ledger.report(written);
      onClose();
    },
    onError: (failure: unknown) => {
      const problem = apiError(failure);
      const { amountMinor, startsOn, endsOn } = problem.fields;
      if (amountMinor || startsOn || endsOn) {
        fields.showErrors({ amount: amountMinor, startsOn, endsOn });
      }
      setError(writeErrorMessage(problem, fallback));
    },
  });
  const create = useMutation(
    trpc.budgets.create.mutationOptions(handlers('Outlay could not add this budget.')),
  );
  const update = useMutation(
    trpc.budgets.update.mutationOptions(handlers('Outlay could not save this budget.')),
  );
  const remove = useMutation(
    trpc.budgets.delete.mutationOptions(handlers('Outlay could not delete this budget.')),
  );
  const pending = create.isPending || update.isPending || remove.isPending;

  function read(): CreateBudgetInput | null {
    const { amount, startsOn, endsOn } = fields.values;
    const errors: Partial<Record<'amount' | 'startsOn' | 'endsOn', string>> = {};
    const parsed = parseAmount(amount, format.currency, format.locale);
    if (amount.trim() === '') errors.amount = 'How much for each period?';
    else if (!parsed.ok) errors.amount = parsed.error;
    else if (parsed.minor <= 0) errors.amount = 'A budget is more than zero.';
    else if (parsed.minor > MAX_BUDGET_MINOR) errors.amount = 'That amount is too large.';
    const date = (text: string) => isCalendarDate(text) && inDateDomain(text);
    if (!date(startsOn)) errors.startsOn = 'A date between 1900 and 2100.';
    if (endsOn !== '' && !date(endsOn)) errors.endsOn = 'A date between 1900 and 2100, or none.';
    else if (endsOn !== '' && endsOn < startsOn) errors.endsOn = 'It cannot end before it starts.';
    fields.showErrors(errors);
    if (Object.keys(errors).length > 0 || !parsed.ok || target === '') return null;
    const id = target.slice(2);
    return {
      ...(target.startsWith('g:') ? { groupId: id } : { categoryId: id }),
      period,
      amountMinor: parsed.minor,
      startsOn,
      endsOn: endsOn === '' ? null : endsOn,
      rollover,
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError('');
    const value = read();
    if (!value) return;
    if (!budget) {
      create.mutate(value);
      return;
    }
    const retargeted = targetOf(budget) !== target;
    const patch = {
      ...changedFields(budget, {
        period: value.period,
        amountMinor: value.amountMinor,
        startsOn: value.startsOn,
        endsOn: value.endsOn ?? null,
        rollover: value.rollover ?? 'none',
      }),
      ...(retargeted
        ? value.groupId
          ? { groupId: value.groupId }
          : { categoryId: value.categoryId }
        : {}),
    };
    if (Object.keys(patch).length === 0) onClose();
    else update.mutate({ id: budget.id, patch });
  }

  const deleting = (
    <>
      {budget && !confirming && (
        <div className="form-actions">
          <button
            type="button"
            className="button ghost small danger-text"
            disabled={pending}
            onClick={() => setConfirming(true)}
          >
            Delete…
          </button>
        </div>
      )}
      {budget && confirming && (
        <ConfirmBox
          label="Confirm delete"
          action="Delete"
          pending={remove.isPending ? 'Deleting…' : false}
          disabled={pending}
          onConfirm={() => remove.mutate({ id: budget.id })}
          onCancel={() => setConfirming(false)}
          error={error}
        >
          <p>
            Delete the {budget.period} budget for &lsquo;{budget.name}&rsquo;? The spending stays;
            History can undo it.
          </p>
        </ConfirmBox>
      )}
    </>
  );

  return (
    <SheetForm
      className="budget-dialog"
      titleId="budget-dialog-title"
      title={budget ? `Edit the ${budget.name} budget` : 'New budget'}
      closeButton={false}
      onClose={onClose}
      onSubmit={submit}
      data-budget-dialog
      after={deleting}
    >
      {choices.length === 0 ? (
        <p>
          Budgets are for spending categories, and you have none yet.{' '}
          <a href="/categories">Add a category</a> first.
        </p>
      ) : (
        <div className="quick-grid">
          <SelectField
            id="budget-target"
            label="For"
            value={target}
            onChange={setTarget}
            options={choices}
            hint="A group counts every category in it."
          />
          <ChoiceField
            id="budget-period"
            label="Every"
            value={period}
            onChange={setPeriod}
            labels={PERIOD_LABELS}
          />
          <MoneyField id="budget-amount" label="Amount" {...fields.bind('amount')} />
          <DateField
            id="budget-starts"
            label="Starts on"
            hint="It counts the whole week or month this day is in."
            {...fields.bind('startsOn')}
          />
          <DateField id="budget-ends" label="Ends on" hint="Optional." {...fields.bind('endsOn')} />
          <ChoiceField
            id="budget-rollover"
            label="Carry into the next period"
            value={rollover}
            onChange={setRollover}
            labels={ROLLOVER_LABELS}
          />
        </div>
      )}
      <FormFooter
        error={confirming ? '' : error}
        pending={create.isPending || update.isPending ? (budget ? 'Saving…' : 'Adding…') : false}
        label={budget ? 'Save' : 'Add budget'}
        submit={choices.length === 0 ? false : undefined}
        onCancel={onClose}
      />
    </SheetForm>
  );
}
