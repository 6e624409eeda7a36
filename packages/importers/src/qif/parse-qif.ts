/**
 * QIF (Quicken Interchange Format). No maintained library reads it well, and the format is a
 * list of one-letter fields per line with `^` ending each record, so this is a small line reader.
 *
 * - Transactions come from `!Type:Bank`, `CCard`, `Cash`, `Oth A` and `Oth L` blocks, for the
 *   account of the `!Account` block before them, or one account per type when there is none.
 * - `!Type:Invst`, `Cat`, `Class`, `Memorized`, `Security` and `Prices` blocks are skipped with a
 *   warning (not an error); `###` lines are comments.
 * - Fields: D date, T (or U) amount, P payee, M memo, N check number, L category or `[Account]`
 *   transfer (a `/Class` suffix is dropped), S/E/$ split lines (a D inside a split is ignored).
 * - Dates: every form QIF writers use (`2/14'2020`, `1/ 1'00`, `12/19/18`, `2020-02-14`,
 *   `14.02.2020`); the order is the hint, else a `!Option:DMY`/`MDY` line, else what fits every
 *   date of the file, else month-first (Quicken's).
 * - QIF names no currency: amounts are in the hint's currency, or read with 2 decimals.
 * - Split lines that do not add up to the amount get a line without a category for the rest.
 */
import {
  type DateOrder,
  type ParseHints,
  type ParsedAccountType,
  type ParsedSplit,
  type ParsedStatement,
} from '@outlay/contracts';
import {
  detectDecimalSeparator,
  minorDigits,
  parseMinorUnits,
  type DecimalSeparator,
} from '../amounts.ts';
import { dateReader, detectDateOrder } from '../dates.ts';
import { clean, StatementBuilder, where } from '../statement-builder.ts';
import { decodeText, refuseBinary } from '../text.ts';

const TRANSACTION_TYPES: Record<string, ParsedAccountType> = {
  bank: 'checking',
  ccard: 'creditCard',
  cash: 'cash',
  'oth a': 'other',
  'oth l': 'other',
};

const SKIPPED_TYPES: Record<string, string> = {
  invst: 'investment transaction',
  cat: 'category',
  class: 'class',
  memorized: 'memorised transaction',
  security: 'security',
  prices: 'price',
  template: 'template',
  invitem: 'invoice item',
  bill: 'bill',
  invoice: 'invoice',
};

const ACCOUNT_TYPES: Record<string, ParsedAccountType> = {
  ...TRANSACTION_TYPES,
  invst: 'investment',
  port: 'investment',
  '401(k)/403(b)': 'investment',
};

interface Field {
  code: string;
  value: string;
  line: number;
}

type Mode =
  | { kind: 'transactions'; type: string }
  | { kind: 'account' }
  | { kind: 'skip'; what: string; header: string; line: number; records: number }
  | { kind: 'none' };

export function looksLikeQif(text: string): boolean {
  for (const raw of text.slice(0, 65_536).split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return /^!(type|account|option|clear)\b/i.test(line);
  }
  return false;
}

export function parseQifText(bytes: Uint8Array, hints: ParseHints): ParsedStatement {
  refuseBinary(bytes);
  const { text, encoding } = decodeText(bytes, { hint: hints.encoding });
  const out = new StatementBuilder('qif', encoding, hints);
  const lines = text.split(/\r\n|\n|\r/);

  // First pass: the date order and the decimal separator, over the whole file.
  const dateValues: string[] = [];
  const amountValues: string[] = [];
  let optionOrder: DateOrder | null = null;
  for (const line of lines) {
    const c = line[0];
    if (c === 'D') dateValues.push(line.slice(1));
    // A sample settles the decimal mark as well as every amount would.
    else if ((c === 'T' || c === 'U' || c === '$') && amountValues.length < 10_000) {
      amountValues.push(line.slice(1));
    } else if (/^!Option:(DMY|MDY)\s*$/i.test(line))
      optionOrder = line.slice(8, 11).toLowerCase() as DateOrder;
  }
  let dateOrder: DateOrder;
  if (hints.dateOrder) dateOrder = hints.dateOrder;
  else if (optionOrder) dateOrder = optionOrder;
  else {
    const detected = detectDateOrder(dateValues, 'mdy');
    dateOrder = detected.order;
    if (detected.ambiguous) {
      out.warn(
        'Every date in the file can be read day-first or month-first; they were read month-first (as Quicken writes them). Set the date order if that is wrong.',
      );
    }
  }
  const currency = out.fallbackCurrency;
  const readDate = dateReader(dateOrder);
  const decimal: DecimalSeparator =
    detectDecimalSeparator(amountValues, minorDigits(currency)) ?? '.';

  let mode: Mode = { kind: 'none' };
  let autoSwitch = false;
  let currentAccount: number | null = null;
  let record: Field[] = [];
  let sawTransactions = false;
  let headerless = false;

  const closeSkip = () => {
    if (mode.kind !== 'skip') return;
    const n = mode.records;
    const plural = n === 1 ? mode.what : `${mode.what}s`;
    out.warn(
      `${where({ line: mode.line })}: ${n} ${plural} (${mode.header}) ${n === 1 ? 'was' : 'were'} skipped: only bank, card, cash and other-asset transactions are imported.`,
      { line: mode.line, element: mode.header },
    );
  };

  const endRecord = () => {
    const fields = record;
    record = [];
    if (fields.length === 0) return;
    if (mode.kind === 'skip') mode.records++;
    else if (mode.kind === 'account') {
      const get = (code: string) => clean(fields.find((f) => f.code === code)?.value);
      const name = get('N');
      const typeText = get('T')?.toLowerCase() ?? null;
      const index = out.account(`name:${name ?? `#${fields[0]?.line}`}`, {
        name,
        type: typeText ? (ACCOUNT_TYPES[typeText] ?? 'other') : null,
        currency,
      });
      if (!autoSwitch) currentAccount = index;
    } else {
      let type = mode.kind === 'transactions' ? mode.type : 'bank';
      if (mode.kind === 'none') {
        headerless = true;
        type = 'bank';
      }
      sawTransactions = true;
      const account =
        currentAccount ??
        out.account(`type:${type}`, { type: TRANSACTION_TYPES[type] ?? 'other', currency });
      readTransaction(fields, account);
    }
  };

  const readTransaction = (fields: Field[], account: number) => {
    const line = fields[0]?.line ?? null;
    const problems: string[] = [];
    const first = (code: string) => fields.find((f) => f.code === code);
    // The first D is the transaction's date; a D among the split lines belongs to the split.
    const dateField = first('D');
    let date: string | null = null;
    if (!dateField) problems.push('it has no date (D line)');
    else {
      const r = readDate(dateField.value);
      if (r.ok) date = r.date;
      else problems.push(`line ${dateField.line}: ${r.reason}`);
    }
    const amountField = first('T') ?? first('U');
    let amountMinor: number | null = null;
    if (!amountField) problems.push('it has no amount (T line)');
    else {
      const r = parseMinorUnits(amountField.value, decimal, currency);
      if (r.ok) amountMinor = r.minor;
      else problems.push(`line ${amountField.line}: ${r.reason}`);
    }
    let payee: string | null = null;
    let memo: string | null = null;
    let checkNumber: string | null = null;
    let category: { categoryHint: string | null; transferAccount: string | null } = {
      categoryHint: null,
      transferAccount: null,
    };
    const splits: ParsedSplit[] = [];
    let split: ParsedSplit | null = null;
    for (const f of fields) {
      switch (f.code) {
        case 'P':
          payee = clean(f.value);
          break;
        case 'M':
          memo = clean(f.value);
          break;
        case 'N':
          checkNumber = clean(f.value);
          break;
        case 'L':
          category = readCategory(f.value);
          break;
        case 'S':
          split = { ...readCategory(f.value), amountMinor: 0, memo: null };
          splits.push(split);
          break;
        case 'E':
          if (split) split.memo = clean(f.value);
          break;
        case '$': {
          const r = parseMinorUnits(f.value, decimal, currency);
          if (!r.ok) {
            problems.push(`line ${f.line} (split amount): ${r.reason}`);
            break;
          }
          if (!split) {
            split = { categoryHint: null, transferAccount: null, amountMinor: 0, memo: null };
            splits.push(split);
          }
          split.amountMinor = r.minor;
          break;
        }
        default:
          break;
      }
    }
    if (date === null || amountMinor === null || problems.length > 0) {
      out.reject(`${where({ line })}: the transaction was left out: ${problems.join('; ')}.`, {
        line,
        element: 'transaction',
      });
      return;
    }
    if (splits.length > 0) {
      const sum = splits.reduce((s, x) => s + x.amountMinor, 0);
      if (sum !== amountMinor) {
        splits.push({
          categoryHint: null,
          transferAccount: null,
          amountMinor: amountMinor - sum,
          memo: 'Not split in the file',
        });
        out.warn(
          `${where({ line })}: the split lines add up to ${sum} minor units but the transaction is ${amountMinor}; a line without a category holds the difference.`,
          { line, element: 'transaction' },
        );
      }
    }
    out.addTransaction({
      account,
      date,
      amountMinor,
      currency,
      payee,
      memo,
      checkNumber,
      ...(category.categoryHint === '--Split--'
        ? { categoryHint: null, transferAccount: null }
        : category),
      splits,
      line,
    });
  };

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trimEnd();
    if (line.trim() === '' || line.startsWith('#')) return;
    if (line.startsWith('!')) {
      endRecord();
      const header = line.trim();
      const lower = header.toLowerCase();
      if (lower === '!option:autoswitch') autoSwitch = true;
      else if (lower === '!clear:autoswitch') autoSwitch = false;
      else if (/^!option:(dmy|mdy)$/.test(lower)) return;
      else if (lower === '!account') {
        closeSkip();
        mode = { kind: 'account' };
      } else if (lower.startsWith('!type:')) {
        closeSkip();
        const type = lower.slice(6).trim();
        if (TRANSACTION_TYPES[type]) mode = { kind: 'transactions', type };
        else {
          mode = {
            kind: 'skip',
            what: SKIPPED_TYPES[type] ?? 'record',
            header,
            line: lineNo,
            records: 0,
          };
        }
      } else {
        closeSkip();
        mode = { kind: 'skip', what: 'record', header, line: lineNo, records: 0 };
      }
      return;
    }
    if (line.startsWith('^')) {
      endRecord();
      return;
    }
    record.push({ code: line[0] ?? '', value: line.slice(1), line: lineNo });
  });
  endRecord();
  closeSkip();

  if (headerless) {
    out.warn('The file has no !Type line; its records were read as bank transactions.');
  }
  if (sawTransactions && currency === null) {
    out.warn(
      'QIF files do not say which currency they are in; amounts were read with 2 decimal places. Choose the account (or its currency) to read them in its currency.',
    );
  }
  return out.finish();
}

/** `Food:Groceries/Class` → category; `[Checking]/Class` → transfer account. */
function readCategory(value: string): {
  categoryHint: string | null;
  transferAccount: string | null;
} {
  const v = value.trim();
  const transfer = /^\[([^\]]*)\]/.exec(v);
  if (transfer) return { categoryHint: null, transferAccount: clean(transfer[1]) };
  if (v === '--Split--') return { categoryHint: v, transferAccount: null };
  const slash = v.indexOf('/');
  return { categoryHint: clean(slash === -1 ? v : v.slice(0, slash)), transferAccount: null };
}
