/**
 * One transaction, editable: a drawer with its date, amount (and direction), payee, description,
 * notes, account and category — or its split lines {category, amount, memo}, whose sum must equal
 * the amount, shown live. Save sends only what changed (`transactions.update`); Delete removes it
 * (both rows of a transfer). Each says what it did in a toast with Undo.
 */
import { amountInputValue, parseAmount } from '@outlay/client';
import type { TransactionDetail, TransactionPatch } from '@outlay/contracts';
import { Memo } from '@outlay/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormError } from '../components/form-error.tsx';
import { Sheet, SheetHeader } from '../components/sheet.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { QueryError } from '../components/query-error.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { changedFields } from '../lib/changed-fields.ts';
import { checkSplits, draftsFromLines, startSplit, type SplitDraft } from '../lib/splits.ts';
import { useTRPC } from '../lib/trpc.ts';
import { useLedger } from './ledger-context.tsx';
import { AmountField, DateField } from './amount-field.tsx';
import { DescriptionField, NotesField, PayeeField } from '../components/contract-text-fields.tsx';
import { AccountSelect, CategorySelect, usePickerLists } from './pickers.tsx';
import './ledger.css';

let nextKey = 1;
const newKey = () => `line-${nextKey++}`;

export function TransactionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.transactions.get.queryOptions({ id }, { staleTime: 0 }));

  return (
    <Sheet className="drawer" titleId="drawer-title" onClose={onClose} data-drawer>
      {detail.isPending && (
        <p className="muted" role="status">
          Loading the transaction…
        </p>
      )}
      {detail.isError && (
        <>
          <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
          <button type="button" className="button ghost" onClick={onClose}>
            Close
          </button>
        </>
      )}
      {detail.data && (
        <EditForm key={detail.data.updatedAt} detail={detail.data} onClose={onClose} />
      )}
    </Sheet>
  );
}

function EditForm({ detail, onClose }: { detail: TransactionDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const format = useFormatters();
  const ledger = useLedger();
  const { categories, accounts } = usePickerLists();
  const update = useMutation(trpc.transactions.update.mutationOptions());
  const remove = useMutation(trpc.transactions.delete.mutationOptions());
  const { currency } = detail;
  const field = (minor: number) => amountInputValue(Math.abs(minor), currency, format.locale);

  const [date, setDate] = useState(detail.occurredOn);
  const [amount, setAmount] = useState(field(detail.amountMinor));
  const [income, setIncome] = useState(detail.amountMinor > 0);
  const [payee, setPayee] = useState(detail.payee ?? '');
  const [description, setDescription] = useState(detail.description ?? '');
  const [notes, setNotes] = useState(detail.notes ?? '');
  const [accountId, setAccountId] = useState(detail.accountId);
  const [categoryId, setCategoryId] = useState(detail.categoryId);
  const [lines, setLines] = useState<SplitDraft[] | null>(
    detail.split ? draftsFromLines(detail.lines, field, newKey) : null,
  );
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);

  const parsed = parseAmount(amount, currency, format.locale);
  const totalMinor = parsed.ok && parsed.minor > 0 ? (income ? parsed.minor : -parsed.minor) : null;
  const check =
    lines && totalMinor !== null ? checkSplits(lines, totalMinor, currency, format.locale) : null;
  const isTransfer = detail.transfer !== null;

  function setLine(key: string, change: Partial<SplitDraft>) {
    setLines((current) => current?.map((l) => (l.key === key ? { ...l, ...change } : l)) ?? null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<string, string>> = {};
    if (!parsed.ok) next.amountMinor = parsed.error;
    else if (totalMinor === null) next.amountMinor = 'An amount cannot be zero';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) next.occurredOn = 'Enter a date';
    if (lines && check?.error) next.splits = check.error;
    setErrors(next);
    setFormError('');
    if (Object.keys(next).length > 0 || totalMinor === null) return;

    const text = (value: string) => (value.trim() === '' ? null : value.trim());
    const patch: Partial<TransactionPatch> = changedFields(detail, {
      occurredOn: date,
      amountMinor: totalMinor,
      payee: text(payee),
      description: text(description),
      notes: text(notes),
      accountId,
    });
    if (lines && check?.lines) {
      const before = detail.lines.map((l) => ({
        categoryId: l.categoryId,
        amountMinor: l.amountMinor,
        ...(l.memo ? { memo: l.memo } : {}),
      }));
      if (!detail.split || JSON.stringify(before) !== JSON.stringify(check.lines)) {
        patch.splits = check.lines;
      }
    } else if (!lines && detail.split) {
      patch.splits = null;
      if (categoryId !== null) patch.categoryId = categoryId;
    } else if (!lines && categoryId !== detail.categoryId) {
      patch.categoryId = categoryId;
    }
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    try {
      const written = await update.mutateAsync({ id: detail.id, patch });
      onClose();
      await ledger.report(written);
    } catch (error) {
      const refused = apiError(error);
      const patchError = refused.fields.patch;
      if (patchError) setFormError(patchError);
      else setFormError(generalErrorMessage(refused, refused.message || 'Couldn’t save that.'));
    }
  }

  async function deleteIt() {
    try {
      const written = await remove.mutateAsync({ ids: [detail.id] });
      onClose();
      await ledger.report(written);
    } catch (error) {
      setFormError(generalErrorMessage(apiError(error), 'Couldn’t delete it. Try again.'));
    }
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <SheetHeader titleId="drawer-title" title="Edit transaction" onClose={onClose} />
      {isTransfer && (
        <p className="muted">
          One side of a transfer with {detail.transfer!.otherAccountName}: both sides change
          together, and count as neither spending nor income.
        </p>
      )}
      <div className="drawer-grid">
        <DateField id="edit-date" value={date} onChange={setDate} error={errors.occurredOn} />
        <AmountField
          id="edit-amount"
          value={amount}
          onChange={setAmount}
          income={income}
          onIncomeChange={setIncome}
          error={errors.amountMinor}
        />
        <PayeeField id="edit-payee" value={payee} onChange={setPayee} fieldClassName="wide" />
        <DescriptionField
          id="edit-description"
          value={description}
          onChange={setDescription}
          fieldClassName="wide"
        />
        <AccountSelect
          id="edit-account"
          label="Account"
          accounts={accounts}
          value={accountId}
          onChange={setAccountId}
        />
        {!lines && !isTransfer && (
          <CategorySelect
            id="edit-category"
            label="Category"
            categories={categories}
            value={categoryId}
            onChange={setCategoryId}
          />
        )}
        <NotesField id="edit-notes" value={notes} onChange={setNotes} fieldClassName="wide" />
      </div>

      {!isTransfer && (
        <section className="split-lines" aria-labelledby="split-title">
          <div className="sheet-header">
            <h3 id="split-title">{lines ? 'Split into lines' : 'One category'}</h3>
            {lines ? (
              <button
                type="button"
                className="button ghost small"
                onClick={() => {
                  setCategoryId(lines[0]?.categoryId ?? null);
                  setLines(null);
                }}
              >
                Make it whole
              </button>
            ) : (
              <button
                type="button"
                className="button small"
                onClick={() => setLines(startSplit(totalMinor ?? 0, categoryId, field, newKey))}
              >
                Split
              </button>
            )}
          </div>
          {lines?.map((line, index) => (
            <div className="split-line controls compact" key={line.key} data-split-line={index + 1}>
              <CategorySelect
                aria-label={`Line ${index + 1} category`}
                categories={categories}
                value={line.categoryId}
                onChange={(id) => setLine(line.key, { categoryId: id })}
              />
              <input
                aria-label={`Line ${index + 1} amount`}
                inputMode="decimal"
                autoComplete="off"
                value={line.amount}
                onChange={(event) => setLine(line.key, { amount: event.target.value })}
                aria-invalid={line.amount !== '' && check?.lineErrors[index] ? true : undefined}
              />
              <input
                aria-label={`Line ${index + 1} memo`}
                placeholder="Memo"
                maxLength={Memo.maxLength ?? undefined}
                value={line.memo}
                onChange={(event) => setLine(line.key, { memo: event.target.value })}
              />
              <button
                type="button"
                className="button ghost small"
                aria-label={`Remove line ${index + 1}`}
                disabled={lines.length <= 2}
                onClick={() => setLines(lines.filter((l) => l.key !== line.key))}
              >
                ×
              </button>
            </div>
          ))}
          {lines && (
            <>
              <button
                type="button"
                className="button ghost small"
                onClick={() =>
                  setLines([...lines, { key: newKey(), categoryId: null, amount: '', memo: '' }])
                }
              >
                Add a line
              </button>
              <SplitStatus
                allocated={check?.allocatedMinor ?? null}
                remainder={check?.remainderMinor ?? null}
                total={totalMinor}
                money={(minor) => format.money(minor)}
              />
              {errors.splits && <FormError>{errors.splits}</FormError>}
            </>
          )}
        </section>
      )}

      <FormFooter
        error={formError}
        pending={update.isPending && 'Saving…'}
        label="Save"
        onCancel={onClose}
      />
      <div className="drawer-danger">
        {confirmDelete ? (
          <div className="form-actions">
            <button
              type="button"
              className="button danger"
              disabled={remove.isPending}
              onClick={() => void deleteIt()}
            >
              {remove.isPending ? 'Deleting…' : isTransfer ? 'Delete both sides' : 'Delete it'}
            </button>
            <button type="button" className="button ghost" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button type="button" className="button ghost" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </div>
    </form>
  );
}

/** The lines' sum against the amount, live: what is left to allocate, or how much too much. */
function SplitStatus({
  allocated,
  remainder,
  total,
  money,
}: {
  allocated: number | null;
  remainder: number | null;
  total: number | null;
  money: (minor: number) => string;
}) {
  if (allocated === null || remainder === null || total === null) {
    return <p className="split-status off">Enter the amount first.</p>;
  }
  const even = remainder === 0;
  // Remainder has the transaction's sign while short, the other sign when over.
  const over = !even && Math.sign(remainder) !== Math.sign(total);
  return (
    <p
      className={even ? 'split-status even' : 'split-status off'}
      aria-live="polite"
      data-split-status
    >
      <span>
        Lines: {money(Math.abs(allocated))} of {money(Math.abs(total))}
      </span>
      <span>
        {even
          ? 'Adds up'
          : over
            ? `${money(Math.abs(remainder))} too much`
            : `${money(Math.abs(remainder))} left to allocate`}
      </span>
    </p>
  );
}
