/**
 * OFX and QFX (Quicken's OFX with an `INTU.BID`): bank statements (`STMTRS`) and credit-card
 * statements (`CCSTMTRS`), as many as the file holds, in 1.x SGML, 2.x XML or a mix of both.
 *
 * - Amounts are signed as written (TRNAMT negative = money out); a decimal comma is read.
 * - Dates are the calendar date as written: `20090401122017.000[-5:EST]` is 2009-04-01.
 * - A transaction's currency is `CURRENCY/CURSYM` when present (the amount is in that currency),
 *   else the statement's `CURDEF`, else the hint.
 * - An entry whose date or amount cannot be read is left out, with the reason, and the rest of
 *   the file is still read. Empty tags become null fields, with a warning where it matters.
 */
import { type ParseHints, type ParsedAccountType, type ParsedStatement } from '@outlay/contracts';
import { readPlainNumber, toMinorUnits, minorDigits } from '../amounts.ts';
import { dateReader } from '../dates.ts';
import { StatementError } from '../failure.ts';
import { currencyCode, ibanOf } from '../codes.ts';
import { clean, StatementBuilder, where } from '../statement-builder.ts';
import { declaredEncoding, decodeText, refuseBinary } from '../text.ts';
import { find, findAll, readOfxTree, type OfxElement } from './ofx-tree.ts';

const STATEMENTS = new Set(['STMTRS', 'CCSTMTRS', 'INVSTMTRS']);
const ACCOUNT_TYPES: Record<string, ParsedAccountType> = {
  CHECKING: 'checking',
  SAVINGS: 'savings',
  MONEYMRKT: 'moneyMarket',
  CREDITLINE: 'creditLine',
  CD: 'savings',
};

interface OfxHeader {
  version: string | null;
  encoding: string | null;
  /** Where the body (the first `<`) starts, and its line. */
  bodyStart: number;
  bodyLine: number;
}

/** Reads the SGML `KEY:VALUE` header or the XML `<?OFX …?>` one, whichever the file has. */
function readHeader(text: string): OfxHeader {
  const bodyStart = Math.max(0, text.search(/<(?![?!])/));
  const head = text.slice(0, bodyStart);
  const lines = head.split('\n');
  const field = (key: string) =>
    new RegExp(`^\\s*${key}\\s*:\\s*(\\S*)`, 'im').exec(head)?.[1] ?? null;
  const version = /<\?OFX[^>]*\bVERSION\s*=\s*"(\d+)"/i.exec(head)?.[1] ?? field('VERSION') ?? null;
  const xmlEncoding = /<\?xml[^>]*\bencoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1] ?? null;
  const sgmlEncoding = field('ENCODING');
  const charset = field('CHARSET');
  let encoding = xmlEncoding;
  if (!encoding && sgmlEncoding?.toUpperCase() === 'UTF-8') encoding = 'utf-8';
  if (!encoding && charset && charset.toUpperCase() !== 'NONE') encoding = charset;
  return { version, encoding, bodyStart, bodyLine: lines.length };
}

function leaf(el: OfxElement | null): string | null {
  return el && el.value !== null ? el.value : null;
}

function child(el: OfxElement, name: string): OfxElement | null {
  return find(el, name, STATEMENT_SKIP);
}

/** Where not to look when searching a statement's own fields. */
const STATEMENT_SKIP = new Set(['STMTTRN', 'BANKTRANLIST', 'INVTRANLIST']);

const readOfxDate = dateReader('ymd');

/** An OFX date-time: the calendar date as written, whatever time and zone follow it. */
function ofxDate(value: string | null): { ok: true; date: string } | { ok: false; reason: string } {
  if (value === null || value.trim() === '') return { ok: false, reason: 'is empty' };
  return readOfxDate(value);
}

export function parseOfxText(bytes: Uint8Array, hints: ParseHints): ParsedStatement {
  refuseBinary(bytes);
  const raw = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const declared = declaredEncoding(readHeader(raw).encoding);
  const { text, encoding } = decodeText(bytes, { hint: hints.encoding, declared });
  const header = readHeader(text);
  const out = new StatementBuilder('ofx', encoding, hints);
  out.formatVersion = header.version;

  // Transactions are read as their STMTTRN ends and dropped, so the tree stays small.
  const states = new Map<OfxElement, StatementState>();
  const stateOf = (stmt: OfxElement) => {
    let state = states.get(stmt);
    if (!state) {
      state = beginStatement(stmt, out);
      states.set(stmt, state);
    }
    return state;
  };
  const root = readOfxTree(text.slice(header.bodyStart), header.bodyLine, (el, open) => {
    if (el.name !== 'STMTTRN') return 'keep';
    for (let i = open.length - 1; i >= 0; i--) {
      const around = open[i]?.element;
      if (around?.name === 'STMTRS' || around?.name === 'CCSTMTRS') {
        readTransaction(el, stateOf(around), out);
        return 'drop';
      }
      if (around?.name === 'INVSTMTRS') return 'keep';
    }
    return 'keep';
  });
  const ofx = find(root, 'OFX');
  if (!ofx) {
    throw new StatementError(
      'malformed',
      'This file has no <OFX> element, so it is not an OFX file.',
    );
  }
  const statements = findAll(ofx, STATEMENTS);
  for (const stmt of statements) {
    if (stmt.name === 'INVSTMTRS') {
      out.warn(
        `${where({ line: stmt.line })}: an investment statement (INVSTMTRS) was skipped; only bank and credit-card statements are imported.`,
        { line: stmt.line, element: 'INVSTMTRS' },
      );
      continue;
    }
    finishStatement(stmt, stateOf(stmt), out);
  }
  if (statements.length === 0) {
    out.warn('The file holds no bank or credit-card statement (no STMTRS or CCSTMTRS element).');
  }
  for (const status of findAll(ofx, new Set(['STATUS']))) {
    const code = leaf(find(status, 'CODE'));
    if (code !== null && code !== '' && code !== '0') {
      const message = leaf(find(status, 'MESSAGE'));
      out.warn(
        `${where({ line: status.line })}: the bank reported status ${code}${message ? ` ("${message}")` : ''}; the statement may be incomplete.`,
        { line: status.line, element: 'STATUS' },
      );
    }
  }
  return out.finish();
}

interface StatementState {
  account: number;
  currency: string | null;
  emptyIds: number;
}

/** The statement's currency and account, from the elements before its transaction list. */
function beginStatement(stmt: OfxElement, out: StatementBuilder): StatementState {
  const card = stmt.name === 'CCSTMTRS';
  const lower = stmt.name.toLowerCase();
  const curdefEl = child(stmt, 'CURDEF');
  const curdefText = clean(leaf(curdefEl));
  let currency = currencyCode(curdefText);
  if (!currency) {
    const fallback = out.fallbackCurrency;
    const instead = fallback ? `; using the account currency ${fallback}` : '';
    if (curdefEl && curdefText === null) {
      out.warn(
        `Currency definition was empty for <${lower}><curdef></curdef> (line ${curdefEl.line})${instead}.`,
        { line: curdefEl.line, element: 'CURDEF' },
      );
    } else if (curdefEl) {
      out.warn(
        `${where({ line: curdefEl.line })}: CURDEF "${curdefText}" is not a currency code${instead}.`,
        { line: curdefEl.line, element: 'CURDEF' },
      );
    } else {
      out.warn(`${where({ line: stmt.line })}: the statement has no CURDEF${instead}.`, {
        line: stmt.line,
        element: stmt.name,
      });
    }
    currency = fallback;
  }

  const from = child(stmt, card ? 'CCACCTFROM' : 'BANKACCTFROM') ?? child(stmt, 'BANKACCTFROM');
  const number = clean(leaf(from && find(from, 'ACCTID')));
  const institutionId = clean(leaf(from && find(from, 'BANKID')));
  const branchId = clean(leaf(from && find(from, 'BRANCHID')));
  const typeText = clean(leaf(from && find(from, 'ACCTTYPE')))?.toUpperCase() ?? null;
  if (!from) {
    out.warn(
      `${where({ line: stmt.line })}: the statement names no account (${card ? 'CCACCTFROM' : 'BANKACCTFROM'}).`,
      { line: stmt.line, element: stmt.name },
    );
  }
  const account = out.account(`${institutionId ?? ''}|${number ?? `#${stmt.line}`}`, {
    number,
    iban: ibanOf(number),
    institutionId,
    branchId,
    type: card ? 'creditCard' : typeText ? (ACCOUNT_TYPES[typeText] ?? 'other') : null,
    currency,
  });
  return { account, currency, emptyIds: 0 };
}

/** Balances, period and what was noticed on the way, once the statement has ended. */
function finishStatement(stmt: OfxElement, state: StatementState, out: StatementBuilder): void {
  const { account, currency } = state;
  for (const [tag, kind] of [
    ['LEDGERBAL', 'closing'],
    ['AVAILBAL', 'available'],
  ] as const) {
    const bal = child(stmt, tag);
    if (!bal) continue;
    const amountText = clean(leaf(find(bal, 'BALAMT')));
    const dateText = clean(leaf(find(bal, 'DTASOF')));
    const amount = amountText === null ? null : readPlainNumber(amountText);
    const date = ofxDate(dateText);
    if (!amount || !amount.ok || !date.ok) {
      const why = !amount
        ? 'BALAMT is empty'
        : !amount.ok
          ? `BALAMT ${amount.reason}`
          : `DTASOF ${date.ok ? '' : date.reason}`;
      out.warn(`${where({ line: bal.line })}: the ${tag} balance was left out: ${why}.`, {
        line: bal.line,
        element: tag,
      });
      continue;
    }
    const minor = toMinorUnits(amount.amount, minorDigits(currency), currency);
    if (!minor.ok) {
      out.warn(`${where({ line: bal.line })}: the ${tag} balance was left out: ${minor.reason}.`, {
        line: bal.line,
        element: tag,
      });
      continue;
    }
    out.addBalance({
      account,
      kind,
      code: tag,
      date: date.date,
      amountMinor: minor.minor,
      currency,
    });
  }

  const list = child(stmt, 'BANKTRANLIST') ?? find(stmt, 'BANKTRANLIST');
  const start = list ? ofxDate(leaf(find(list, 'DTSTART'))) : null;
  const end = list ? ofxDate(leaf(find(list, 'DTEND'))) : null;
  if (start?.ok && end?.ok && start.date <= end.date) {
    out.periods.push({ account, from: start.date, to: end.date });
  }

  const emptyIds = state.emptyIds;
  if (emptyIds > 0) {
    out.warn(
      `${emptyIds} transaction${emptyIds === 1 ? ' has' : 's have'} an empty FITID in the statement at line ${stmt.line}; ${emptyIds === 1 ? 'it' : 'they'} can only be matched by date, amount and payee.`,
      { line: stmt.line, element: stmt.name },
    );
  }
}

function readTransaction(trn: OfxElement, state: StatementState, out: StatementBuilder): void {
  const { account, currency } = state;
  const problems: string[] = [];
  const posted = ofxDate(leaf(find(trn, 'DTPOSTED')));
  if (!posted.ok) problems.push(`DTPOSTED ${posted.reason}`);
  const currencyEl = find(trn, 'CURRENCY');
  const trnCurrency = currencyCode(leaf(currencyEl && find(currencyEl, 'CURSYM'))) ?? currency;
  const amountText = clean(leaf(find(trn, 'TRNAMT')));
  let amountMinor: number | null = null;
  if (amountText === null) problems.push('TRNAMT is missing');
  else {
    const read = readPlainNumber(amountText);
    if (!read.ok) problems.push(`TRNAMT ${read.reason}`);
    else {
      const minor = toMinorUnits(read.amount, minorDigits(trnCurrency), trnCurrency);
      if (minor.ok) amountMinor = minor.minor;
      else problems.push(`TRNAMT: ${minor.reason}`);
    }
  }
  if (!posted.ok || amountMinor === null) {
    out.reject(
      `${where({ line: trn.line })}: the transaction (STMTTRN) was left out: ${problems.join('; ')}.`,
      { line: trn.line, element: 'STMTTRN' },
    );
    return;
  }
  const fitidEl = find(trn, 'FITID');
  const externalId = clean(leaf(fitidEl));
  if (fitidEl && externalId === null) state.emptyIds++;
  const payeeEl = find(trn, 'PAYEE');
  const available = clean(leaf(find(trn, 'DTAVAIL')));
  const valueDate = available ? ofxDate(available) : null;
  out.addTransaction({
    account,
    date: posted.date,
    valueDate: valueDate?.ok ? valueDate.date : null,
    amountMinor,
    currency: trnCurrency,
    payee: clean(leaf(find(trn, 'NAME'))) ?? clean(leaf(payeeEl && find(payeeEl, 'NAME'))),
    memo: clean(leaf(find(trn, 'MEMO'))),
    externalId,
    checkNumber: clean(leaf(find(trn, 'CHECKNUM'))),
    type: clean(leaf(find(trn, 'TRNTYPE')))?.toLowerCase() ?? null,
    line: trn.line,
  });
}
