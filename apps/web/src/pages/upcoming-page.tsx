/**
 * Upcoming: the weeks ahead as a table of due items (two weeks back to four ahead by default,
 * any range up to two years), paid or skipped from the row, ordered within a day by dragging;
 * and Bills, the recurring items themselves, added, changed, paused and deleted in a dialog.
 * Every write says what it did with Undo, as everywhere else.
 */
import {
  addDays,
  describeRule,
  MAX_DUE_RANGE_DAYS,
  type CreateRecurringItemInput,
  type DueItem,
  type RecurringItem,
} from '@outlay/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearch } from 'wouter';
import { ConfirmBox } from '../components/confirm-box.tsx';
import { actionsColumn } from '../components/data-table.tsx';
import { ListStates, QueryTable } from '../components/load-states.tsx';
import { Page, Panel, useQueryView } from '../components/page.tsx';
import { PlanTabs } from '../components/plan-tabs.tsx';
import { useLedger, type Written } from '../ledger/ledger-context.tsx';
import { DateField } from '../ledger/amount-field.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { changedFields } from '../lib/changed-fields.ts';
import { dateProblem, rangeMessages, rangeProblem } from '../lib/date-range.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useToday } from '../lib/use-view-state.ts';
import { BillDialog } from '../recurring/bill-dialog.tsx';
import { accountColumn, amountColumn } from '../recurring/bill-columns.ts';
import { DueItemDialog } from '../recurring/due-item-dialog.tsx';
import { DueTable } from '../recurring/due-table.tsx';
import '../categories/categories.css';
import '../recurring/recurring.css';

export default function UpcomingPage() {
  const search = useSearch();
  const tab = new URLSearchParams(search).get('tab') === 'bills' ? 'bills' : 'upcoming';
  useEffect(() => {
    document.title = `${tab === 'bills' ? 'Bills' : 'Upcoming'} · Outlay`;
  }, [tab]);
  return (
    <Page
      className="upcoming-page"
      title="Upcoming"
      line="Bills and subscriptions: what falls due in the weeks ahead, and what is paid."
    >
      <PlanTabs current={tab} />
      {tab === 'bills' ? <BillsView /> : <DueView />}
    </Page>
  );
}

function DueView() {
  const trpc = useTRPC();
  const today = useToday();
  const format = useFormatters();
  const ledger = useLedger();
  const [range, setRange] = useState(() => ({ from: addDays(today, -14), to: addDays(today, 28) }));
  const [draft, setDraft] = useState(range);
  const [rangeError, setRangeError] = useState('');
  const list = useQuery(
    trpc.dueItems.list.queryOptions(range, { placeholderData: keepPreviousData }),
  );
  const view = useQueryView(list);
  const rowWrite = ledger.rowWrite('Outlay could not change this bill.');
  const pay = useMutation(trpc.dueItems.markPaid.mutationOptions(rowWrite));
  const skip = useMutation(trpc.dueItems.skip.mutationOptions(rowWrite));
  const reorder = useMutation(trpc.dueItems.reorder.mutationOptions(rowWrite));
  const busy = pay.isPending || skip.isPending || reorder.isPending;
  const [changing, setChanging] = useState<DueItem | null>(null);

  function applyRange(event: FormEvent) {
    event.preventDefault();
    const messages = rangeMessages({
      from: dateProblem(draft.from, format),
      to: dateProblem(draft.to, format),
      range: rangeProblem(draft.from, draft.to, { days: MAX_DUE_RANGE_DAYS, said: 'two years' }),
    });
    setRangeError(messages.join(' '));
    if (messages.length === 0) setRange(draft);
  }

  const items = list.data?.items ?? [];
  const counts = list.data;
  return (
    <Panel
      id="due"
      className="due-panel"
      title={format.range(range.from, range.to)}
      {...view}
      aside={
        <>
          {counts && (counts.overdueCount > 0 || counts.dueSoonCount > 0) && (
            <p className="due-summary" data-due-summary>
              {counts.overdueCount > 0 && (
                <span className="badge status-overdue">
                  {format.countOf(counts.overdueCount, 'overdue bill')}
                </span>
              )}
              {counts.dueSoonCount > 0 && (
                <span className="badge status-due">
                  {format.countOf(counts.dueSoonCount, 'bill')} due this week
                </span>
              )}
            </p>
          )}
          <form className="range-form" onSubmit={applyRange} noValidate>
            <DateField
              id="due-from"
              label="From"
              value={draft.from}
              onChange={(from) => setDraft({ ...draft, from })}
            />
            <DateField
              id="due-to"
              label="To"
              value={draft.to}
              onChange={(to) => setDraft({ ...draft, to })}
              error={rangeError || undefined}
            />
            <button type="submit" className="button small">
              Show
            </button>
          </form>
        </>
      }
    >
      <ListStates
        query={list}
        what="your due items"
        isEmpty={items.length === 0}
        empty={
          <>
            Nothing falls due in these dates. <Link href="/upcoming?tab=bills">Add a bill</Link> —
            rent, a subscription, a loan — and its due dates appear here.
          </>
        }
      >
        <div className="table-scroll">
          <DueTable
            items={items}
            loading={list.isPending}
            busy={busy}
            onPay={(item: DueItem) => pay.mutate({ id: item.id })}
            onSkip={(item: DueItem) => skip.mutate({ id: item.id })}
            onChange={setChanging}
            onReorder={(ids) => reorder.mutate({ ids })}
            onRefused={(message) => ledger.say(message)}
          />
        </div>
      </ListStates>
      {list.data?.truncated && (
        <p className="muted small">
          Showing the first {format.count(items.length)}: choose a shorter range.
        </p>
      )}
      {changing && <DueItemDialog item={changing} onClose={() => setChanging(null)} />}
    </Panel>
  );
}

function BillsView() {
  const trpc = useTRPC();
  const today = useToday();
  const format = useFormatters();
  const ledger = useLedger();
  const list = useQuery(trpc.recurring.list.queryOptions());
  const view = useQueryView(list);
  const [editing, setEditing] = useState<RecurringItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const written = (result: Written) => {
    setProblem('');
    setEditing(null);
    setDeleting(null);
    void ledger.report(result);
  };
  const refusedInForm = (error: unknown) =>
    setProblem(writeErrorMessage(apiError(error), 'Outlay could not save this bill.'));
  const inForm = { onSuccess: written, onError: refusedInForm };
  const create = useMutation(trpc.recurring.create.mutationOptions(inForm));
  const update = useMutation(trpc.recurring.update.mutationOptions(inForm));
  const rowWrite = {
    ...ledger.rowWrite('Outlay could not change this bill.'),
    onSuccess: written,
  };
  const pause = useMutation(trpc.recurring.pause.mutationOptions(rowWrite));
  const resume = useMutation(trpc.recurring.resume.mutationOptions(rowWrite));
  const remove = useMutation(trpc.recurring.delete.mutationOptions(rowWrite));
  const busy = pause.isPending || resume.isPending || remove.isPending;

  function submit(value: CreateRecurringItemInput) {
    setProblem('');
    if (editing === 'new' || editing === null) {
      create.mutate(value);
      return;
    }
    const patch = changedFields(editing, {
      name: value.name,
      payee: value.payee ?? null,
      amountMinor: value.amountMinor,
      accountId: value.accountId,
      categoryId: value.categoryId ?? null,
      rrule: value.rrule,
      startsOn: value.startsOn,
      shift: value.shift ?? 'none',
    });
    if (Object.keys(patch).length === 0) setEditing(null);
    else update.mutate({ id: editing.id, patch });
  }

  return (
    <Panel
      id="bills"
      title="Your bills"
      {...view}
      aside={
        <button
          type="button"
          className="button primary small"
          onClick={() => {
            setProblem('');
            setEditing('new');
          }}
        >
          Add a bill
        </button>
      }
    >
      <QueryTable
        query={list}
        rows={list.data}
        what="your bills"
        empty="No bills yet. Add rent, a phone plan or a subscription: Outlay lists each due date for 13 months ahead and records the payment when you mark it paid."
        caption="Your bills"
        className="bills-table"
        rowKey={(item) => item.id}
        rowProps={(item) => ({ 'data-bill': item.name })}
        fullRow={(item) =>
          deleting === item.id ? (
            <ConfirmBox
              label={`Delete ${item.name}?`}
              action="Delete"
              pending={remove.isPending && 'Deleting…'}
              disabled={remove.isPending}
              onConfirm={() => remove.mutate({ id: item.id })}
              onCancel={() => setDeleting(null)}
            >
              <p>
                Delete {item.name} and its due dates? The payments already recorded stay in your
                transactions. History can undo this.
              </p>
            </ConfirmBox>
          ) : null
        }
        columns={[
          {
            key: 'name',
            header: 'Bill',
            rowHeader: true,
            cell: (item) => (
              <span>
                {item.name}
                {item.paused && <span className="badge">Paused</span>}
              </span>
            ),
          },
          { key: 'schedule', header: 'Repeats', cell: (item) => describeRule(item.rrule) },
          {
            key: 'next',
            header: 'Next due',
            className: 'col-date',
            cell: (item) =>
              item.nextDueOn ? format.date(item.nextDueOn) : <span className="muted">—</span>,
          },
          amountColumn(format),
          accountColumn(),
          actionsColumn((item: RecurringItem) => (
            <>
              <button
                type="button"
                className="button ghost small"
                onClick={() => {
                  setProblem('');
                  setEditing(item);
                }}
              >
                Edit<span className="visually-hidden"> {item.name}</span>
              </button>
              <button
                type="button"
                className="button ghost small"
                disabled={busy}
                onClick={() =>
                  item.paused ? resume.mutate({ id: item.id }) : pause.mutate({ id: item.id })
                }
              >
                {item.paused ? 'Resume' : 'Pause'}
                <span className="visually-hidden"> {item.name}</span>
              </button>
              <button
                type="button"
                className="button ghost small"
                disabled={busy}
                onClick={() => setDeleting(item.id)}
              >
                Delete<span className="visually-hidden"> {item.name}</span>
              </button>
            </>
          )),
        ]}
      />
      <Suggestions />
      {editing !== null && (
        <BillDialog
          item={editing === 'new' ? null : editing}
          today={today}
          pending={create.isPending || update.isPending}
          error={problem}
          onSubmit={submit}
          onClose={() => setEditing(null)}
        />
      )}
    </Panel>
  );
}

/**
 * Subscriptions found in the history (`recurring.suggestions`), each with its evidence and one
 * button that keeps it as a bill with the schedule and amount found.
 */
function Suggestions() {
  const trpc = useTRPC();
  const ledger = useLedger();
  const list = useQuery(trpc.recurring.suggestions.queryOptions());
  const accept = useMutation(
    trpc.recurring.create.mutationOptions(ledger.rowWrite('Outlay could not add this bill.')),
  );
  if (!list.data || list.data.length === 0) return null;
  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h3 id="suggestions-title">Found in your history</h3>
      <p className="muted small">
        Payments that repeat at a steady beat and amount. Keep one as a bill to see its next dates.
      </p>
      <ul className="suggestion-list">
        {list.data.map((suggestion) => (
          <li
            key={`${suggestion.accountId} ${suggestion.payee}`}
            data-suggestion={suggestion.payee}
          >
            <span>
              {suggestion.evidence}
              <span className="muted small"> · {suggestion.accountName}</span>
            </span>
            <button
              type="button"
              className="button small"
              disabled={accept.isPending}
              onClick={() =>
                accept.mutate({
                  name: suggestion.payee,
                  payee: suggestion.payee,
                  amountMinor: suggestion.amountMinor,
                  toleranceMinor: suggestion.toleranceMinor,
                  accountId: suggestion.accountId,
                  categoryId: suggestion.categoryId,
                  rrule: suggestion.rrule,
                  startsOn: suggestion.startsOn,
                })
              }
            >
              Keep as a bill<span className="visually-hidden"> ({suggestion.payee})</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
