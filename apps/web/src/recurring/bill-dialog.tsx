/**
 * A bill (a recurring item) added or changed in a dialog: what it is, how much, from which
 * account, and when it repeats. The schedule is chosen from the patterns people use — monthly on
 * a day, on the last day, on the nth weekday, every N days/weeks/months/years — and written as
 * the RFC 5545 rule the API keeps (`ruleOfPattern`); any other rule can be typed as it is.
 */
import { amountInputValue, parseAmount } from '@outlay/client';
import {
  describeRule,
  inDateDomain,
  isCalendarDate,
  patternOfRule,
  recurrenceRuleProblem,
  ruleOfPattern,
  WEEKDAY_CODES,
  WEEKDAY_NAMES,
  type CreateRecurringItemInput,
  type RecurringItem,
  type ScheduleEnd,
  type SchedulePattern,
  type WeekdayCode,
  type WeekendShift,
} from '@outlay/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { FormFooter } from '../components/form-footer.tsx';
import { NameField, PayeeField } from '../components/contract-text-fields.tsx';
import { SelectField } from '../components/select-field.tsx';
import { SheetForm } from '../components/sheet.tsx';
import { TextField } from '../components/text-field.tsx';
import { AmountField, DateField } from '../ledger/amount-field.tsx';
import { AccountSelect, CategorySelect, usePickerLists } from '../ledger/pickers.tsx';
import { useFormatters } from '../lib/formatters-context.tsx';

type Repeat = SchedulePattern['kind'] | 'custom';
type Unit = 'day' | 'week' | 'month' | 'year';

interface Draft {
  name: string;
  payee: string;
  amount: string;
  income: boolean;
  accountId: string;
  categoryId: string | null;
  repeat: Repeat;
  interval: string;
  unit: Unit;
  day: string;
  nth: string;
  weekday: WeekdayCode;
  rule: string;
  startsOn: string;
  end: ScheduleEnd['kind'];
  count: string;
  until: string;
  shift: WeekendShift;
}

type Errors = Partial<
  Record<
    'name' | 'amount' | 'accountId' | 'interval' | 'day' | 'rule' | 'startsOn' | 'count' | 'until',
    string
  >
>;

const REPEATS: { value: Repeat; label: string }[] = [
  { value: 'monthDay', label: 'Monthly, on a day of the month' },
  { value: 'lastDay', label: 'Monthly, on the last day' },
  { value: 'nthWeekday', label: 'Monthly, on a weekday (like the 2nd Tuesday)' },
  { value: 'every', label: 'Every few days, weeks, months or years' },
  { value: 'custom', label: 'A rule of my own (RFC 5545)' },
];
const UNITS: { value: Unit; label: string }[] = [
  { value: 'day', label: 'days' },
  { value: 'week', label: 'weeks' },
  { value: 'month', label: 'months' },
  { value: 'year', label: 'years' },
];
const NTHS = [
  { value: '1', label: '1st' },
  { value: '2', label: '2nd' },
  { value: '3', label: '3rd' },
  { value: '4', label: '4th' },
  { value: '-1', label: 'last' },
];
const SHIFTS: { value: WeekendShift; label: string }[] = [
  { value: 'none', label: 'Keep the date' },
  { value: 'earlier', label: 'Move to the Friday before' },
  { value: 'later', label: 'Move to the Monday after' },
];

function draftOf(
  item: RecurringItem | null,
  today: string,
  locale: string,
  accountId: string,
): Draft {
  const blank: Draft = {
    name: '',
    payee: '',
    amount: '',
    income: false,
    accountId,
    categoryId: null,
    repeat: 'monthDay',
    interval: '1',
    unit: 'month',
    day: String(Number(today.slice(8))),
    nth: '1',
    weekday: 'MO',
    rule: '',
    startsOn: today,
    end: 'never',
    count: '12',
    until: '',
    shift: 'none',
  };
  if (!item) return blank;
  const parsed = patternOfRule(item.rrule);
  const pattern = parsed?.pattern;
  return {
    ...blank,
    name: item.name,
    payee: item.payee ?? '',
    amount: amountInputValue(Math.abs(item.amountMinor), item.currency, locale),
    income: item.amountMinor > 0,
    accountId: item.accountId,
    categoryId: item.categoryId,
    repeat: pattern?.kind ?? 'custom',
    interval: String(pattern?.interval ?? 1),
    unit: pattern?.kind === 'every' ? pattern.unit : 'month',
    day: pattern?.kind === 'monthDay' ? String(pattern.day) : blank.day,
    nth: pattern?.kind === 'nthWeekday' ? String(pattern.nth) : '1',
    weekday: pattern?.kind === 'nthWeekday' ? pattern.weekday : 'MO',
    rule: item.rrule,
    startsOn: item.startsOn,
    end: parsed?.end.kind ?? 'never',
    count: parsed?.end.kind === 'count' ? String(parsed.end.count) : '12',
    until: parsed?.end.kind === 'until' ? parsed.end.until : '',
    shift: item.shift,
  };
}

const whole = (text: string, min: number, max: number) =>
  /^\d{1,4}$/.test(text.trim()) && Number(text) >= min && Number(text) <= max ? Number(text) : null;
const isDate = (text: string) => isCalendarDate(text) && inDateDomain(text);

/** The rule the draft's schedule fields stand for, or the error of the field at fault. */
function ruleOf(draft: Draft): { rule?: string; errors: Errors } {
  const errors: Errors = {};
  if (draft.repeat === 'custom') {
    const rule = draft.rule.trim().toUpperCase();
    const problem = recurrenceRuleProblem(rule);
    if (problem) errors.rule = problem;
    return { rule, errors };
  }
  const interval = whole(draft.interval, 1, 100);
  if (interval === null) errors.interval = 'A whole number from 1 to 100.';
  const day = whole(draft.day, 1, 31);
  if (draft.repeat === 'monthDay' && day === null) errors.day = 'A day from 1 to 31.';
  let end: ScheduleEnd = { kind: 'never' };
  if (draft.end === 'count') {
    const count = whole(draft.count, 1, 1000);
    if (count === null) errors.count = 'A number of times from 1 to 1,000.';
    else end = { kind: 'count', count };
  } else if (draft.end === 'until') {
    if (!isDate(draft.until)) errors.until = 'The last day it can fall due.';
    else end = { kind: 'until', until: draft.until };
  }
  if (Object.keys(errors).length > 0) return { errors };
  const n = interval!;
  const pattern: SchedulePattern =
    draft.repeat === 'every'
      ? { kind: 'every', unit: draft.unit, interval: n }
      : draft.repeat === 'monthDay'
        ? { kind: 'monthDay', day: day!, interval: n }
        : draft.repeat === 'lastDay'
          ? { kind: 'lastDay', interval: n }
          : {
              kind: 'nthWeekday',
              nth: Number(draft.nth) as 1 | 2 | 3 | 4 | -1,
              weekday: draft.weekday,
              interval: n,
            };
  return { rule: ruleOfPattern(pattern, end), errors };
}

/** The draft read and checked: the input of `recurring.create`, or what is wrong where. */
function readDraft(draft: Draft, currency: string, locale: string) {
  const { rule, errors } = ruleOf(draft);
  if (draft.name.trim() === '') errors.name = 'Give the bill a name, like Rent or Netflix.';
  const parsed = parseAmount(draft.amount, currency, locale);
  if (!parsed.ok) errors.amount = parsed.error;
  else if (parsed.minor === 0) errors.amount = 'An amount cannot be zero.';
  if (draft.accountId === '') errors.accountId = 'Choose the account it is paid from.';
  if (!isDate(draft.startsOn)) errors.startsOn = 'The first day it falls due (or after).';
  if (Object.keys(errors).length > 0 || !parsed.ok || !rule) return { errors };
  const value: CreateRecurringItemInput = {
    name: draft.name.trim(),
    payee: draft.payee.trim() === '' ? null : draft.payee.trim(),
    amountMinor: draft.income ? parsed.minor : -parsed.minor,
    accountId: draft.accountId,
    categoryId: draft.categoryId,
    rrule: rule,
    startsOn: draft.startsOn,
    shift: draft.shift,
  };
  return { errors, value };
}

export function BillDialog({
  item,
  today,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  /** The bill being changed; null for a new one. */
  item: RecurringItem | null;
  today: string;
  pending: boolean;
  /** The server's refusal, in words. */
  error: string;
  onSubmit: (value: CreateRecurringItemInput) => void;
  onClose: () => void;
}) {
  const format = useFormatters();
  const { accounts, categories } = usePickerLists();
  const open = (accounts ?? []).filter((a) => !a.archived);
  const [draft, setDraft] = useState<Draft>(() =>
    draftOf(item, today, format.locale, open[0]?.id ?? ''),
  );
  const [errors, setErrors] = useState<Errors>({});
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  // Accounts may arrive after the dialog opened.
  useEffect(() => {
    if (draft.accountId === '' && open[0]) set({ accountId: open[0].id });
  }, [draft.accountId, open]);

  const currency = accounts?.find((a) => a.id === draft.accountId)?.currency ?? format.currency;
  const preview = ruleOf(draft).rule;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { errors: found, value } = readDraft(draft, currency, format.locale);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`#bill-${first}`)?.focus();
      return;
    }
    if (value) onSubmit(value);
  }

  return (
    <SheetForm
      className="bill-dialog"
      titleId="bill-title"
      title={item ? `Edit ${item.name}` : 'Add a bill'}
      onClose={onClose}
      onSubmit={submit}
      onOpen={() => document.getElementById('bill-name')?.focus()}
    >
      <div className="bill-grid">
        <NameField
          id="bill-name"
          value={draft.name}
          onChange={(name) => set({ name })}
          error={errors.name}
        />
        <PayeeField
          id="bill-payee"
          value={draft.payee}
          onChange={(payee) => set({ payee })}
          hint="Optional: as it shows on the statement."
        />
        <AmountField
          id="bill-amount"
          value={draft.amount}
          onChange={(amount) => set({ amount })}
          income={draft.income}
          onIncomeChange={(income) => set({ income })}
          error={errors.amount}
        />
        <AccountSelect
          id="bill-accountId"
          label="Account"
          accounts={accounts}
          value={draft.accountId}
          onChange={(accountId) => set({ accountId })}
        />
        <CategorySelect
          id="bill-category"
          label="Category"
          categories={categories}
          value={draft.categoryId}
          onChange={(categoryId) => set({ categoryId })}
        />
        <DateField
          id="bill-startsOn"
          label="Starts on"
          value={draft.startsOn}
          onChange={(startsOn) => set({ startsOn })}
          error={errors.startsOn}
        />
      </div>
      <fieldset className="bill-schedule">
        <legend>Repeats</legend>
        <SelectField
          id="bill-repeat"
          label="How"
          value={draft.repeat}
          onChange={(repeat) => set({ repeat: repeat as Repeat })}
          options={REPEATS}
        />
        <div className="bill-grid">
          {draft.repeat === 'monthDay' && (
            <TextField
              id="bill-day"
              label="Day of the month"
              value={draft.day}
              onChange={(day) => set({ day })}
              error={errors.day}
              hint="29–31: the last day in shorter months."
              inputMode="numeric"
            />
          )}
          {draft.repeat === 'nthWeekday' && (
            <>
              <SelectField
                id="bill-nth"
                label="Which"
                value={draft.nth}
                onChange={(nth) => set({ nth })}
                options={NTHS}
              />
              <SelectField
                id="bill-weekday"
                label="Weekday"
                value={draft.weekday}
                onChange={(weekday) => set({ weekday: weekday as WeekdayCode })}
                options={WEEKDAY_CODES.map((code) => ({
                  value: code,
                  label: WEEKDAY_NAMES[code],
                }))}
              />
            </>
          )}
          {draft.repeat !== 'custom' && (
            <TextField
              id="bill-interval"
              label={draft.repeat === 'every' ? 'Every' : 'Every … months'}
              value={draft.interval}
              onChange={(interval) => set({ interval })}
              error={errors.interval}
              inputMode="numeric"
            />
          )}
          {draft.repeat === 'every' && (
            <SelectField
              id="bill-unit"
              label="Unit"
              value={draft.unit}
              onChange={(unit) => set({ unit: unit as Unit })}
              options={UNITS}
            />
          )}
          {draft.repeat === 'custom' && (
            <TextField
              id="bill-rule"
              label="Rule"
              value={draft.rule}
              onChange={(rule) => set({ rule })}
              error={errors.rule}
              hint="Like FREQ=MONTHLY;BYMONTHDAY=1"
              spellCheck={false}
              autoComplete="off"
            />
          )}
          {draft.repeat !== 'custom' && (
            <SelectField
              id="bill-end"
              label="Ends"
              value={draft.end}
              onChange={(end) => set({ end: end as ScheduleEnd['kind'] })}
              options={[
                { value: 'never', label: 'Never' },
                { value: 'count', label: 'After a number of times' },
                { value: 'until', label: 'On a date' },
              ]}
            />
          )}
          {draft.repeat !== 'custom' && draft.end === 'count' && (
            <TextField
              id="bill-count"
              label="Times"
              value={draft.count}
              onChange={(count) => set({ count })}
              error={errors.count}
              inputMode="numeric"
            />
          )}
          {draft.repeat !== 'custom' && draft.end === 'until' && (
            <DateField
              id="bill-until"
              label="Last day"
              value={draft.until}
              onChange={(until) => set({ until })}
              error={errors.until}
            />
          )}
          <SelectField
            id="bill-shift"
            label="On a weekend"
            value={draft.shift}
            onChange={(shift) => set({ shift: shift as WeekendShift })}
            options={SHIFTS}
          />
        </div>
        <p className="muted small" aria-live="polite" data-rule={preview ?? ''}>
          {preview ? `${describeRule(preview)} · ${preview}` : 'Finish the schedule to see it.'}
        </p>
      </fieldset>
      <FormFooter
        error={error}
        pending={pending && (item ? 'Saving…' : 'Adding…')}
        label={item ? 'Save' : 'Add bill'}
        onCancel={onClose}
      />
    </SheetForm>
  );
}
