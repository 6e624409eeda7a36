/**
 * ISO 20022 CAMT.053 bank-to-customer statements, versions .001.02 to .001.08 (and the same entry
 * structure in CAMT.052 reports and CAMT.054 notifications).
 *
 * - Every `Stmt` (`Rpt`, `Ntfctn`) is read; statements of one account share one account.
 * - Amounts are unsigned; the sign comes from `CdtDbtInd` (DBIT = money out).
 * - A booked entry (`Sts` BOOK) is a transaction; pending and informational entries are skipped
 *   with a warning. A batch entry with several `TxDtls`, each with its own amount, gives one
 *   transaction per `TxDtls`; without their own amounts, the entry is one transaction.
 * - Date = booking date (`BookgDt`), falling back to the value date; `valueDate` keeps `ValDt`.
 * - Reversals (`RvslInd`) and returns (`RtrInf`) are flagged `reversal`; their sign is still the
 *   entry's own `CdtDbtInd`.
 * - Payee = the counterparty: the debtor of a credit, the creditor of a debit (the other party
 *   when that one is missing). Memo = unstructured remittance info, else the structured
 *   reference, else the additional entry/transaction info.
 * - Bank id = `AcctSvcrRef` of the transaction, else of the entry (`#n` added for each
 *   transaction of a batch), else the `EndToEndId` (`/reversal` added to a reversal's, which
 *   would otherwise repeat the original's).
 * - Decimals rule: see `amounts.ts` (exact only: `8.850` EUR is 885; `8.855` rejects the entry).
 * - When a statement's opening balance plus its entries differ from its closing balance, a
 *   warning says by how much.
 */
import {
  minorToDecimal,
  type BalanceKind,
  type ParsedBalance,
  type ParseHints,
  type ParsedAccountType,
  type ParsedStatement,
} from '@outlay/contracts';
import { minorDigits, readPlainNumber, toMinorUnits } from '../amounts.ts';
import { dateReader } from '../dates.ts';
import { StatementError } from '../failure.ts';
import { currencyCode, ibanOf } from '../codes.ts';
import { StatementBuilder, where } from '../statement-builder.ts';
import { declaredEncoding, decodeText, refuseBinary } from '../text.ts';
import { child, children, path, readXml, textAt, type XmlElement } from './xml.ts';

const STATEMENT_NAMES = new Set(['Stmt', 'Rpt', 'Ntfctn']);
const MESSAGE_NAMES = new Set(['BkToCstmrStmt', 'BkToCstmrAcctRpt', 'BkToCstmrDbtCdtNtfctn']);

const BALANCE_KINDS: Record<string, BalanceKind> = {
  OPBD: 'opening',
  PRCD: 'opening',
  CLBD: 'closing',
  CLAV: 'available',
  ITBD: 'interim',
  ITAV: 'interim',
  FWAV: 'forwardAvailable',
};

const ACCOUNT_TYPES: Record<string, ParsedAccountType> = {
  CACC: 'checking',
  CASH: 'checking',
  SVGS: 'savings',
  CARD: 'creditCard',
  LOAN: 'creditLine',
  MOMA: 'moneyMarket',
};

export function looksLikeCamt(head: string): boolean {
  return /<(?:\w+:)?(?:BkToCstmrStmt|BkToCstmrAcctRpt|BkToCstmrDbtCdtNtfctn)\b|camt\.05[234]\.\d{3}\.\d{2}/.test(
    head,
  );
}

interface Amount {
  minor: number;
  currency: string | null;
}

type AmountRead = { ok: true; amount: Amount } | { ok: false; reason: string };

/** `Amt` with `Ccy` and a `CdtDbtInd` (of the same element or the given fallback) → signed. */
function signedAmount(
  amt: XmlElement | null,
  indicator: string | null,
  fallbackCurrency: string | null,
): AmountRead {
  if (!amt || amt.text.trim() === '') return { ok: false, reason: 'it has no amount (Amt)' };
  const currency = currencyCode(amt.attributes.Ccy) ?? fallbackCurrency;
  const read = readPlainNumber(amt.text);
  if (!read.ok) return { ok: false, reason: `Amt ${read.reason}` };
  const minor = toMinorUnits(read.amount, minorDigits(currency), currency);
  if (!minor.ok) return { ok: false, reason: minor.reason };
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    return {
      ok: false,
      reason: indicator
        ? `CdtDbtInd "${indicator}" is neither CRDT nor DBIT`
        : 'it has no CdtDbtInd, so its sign is unknown',
    };
  }
  const sign = indicator === 'DBIT' ? -1 : 1;
  return { ok: true, amount: { minor: sign * minor.minor || 0, currency } };
}

const readCamtDate = dateReader('ymd');

/** `Dt` or `DtTm` inside a date choice: the calendar date as written. */
function dateIn(el: XmlElement | null): string | null {
  return dateOf(el, 'Dt') ?? dateOf(el, 'DtTm');
}

/** The calendar date of a date or date-time child, as written (no time-zone shift). */
function dateOf(el: XmlElement | null, name: string): string | null {
  const value = textAt(el, name);
  if (!value) return null;
  const r = readCamtDate(value.slice(0, 10));
  return r.ok ? r.date : null;
}

function partyName(parties: XmlElement | null, role: string): string | null {
  return textAt(parties, role, 'Nm') ?? textAt(parties, role, 'Pty', 'Nm');
}

function bankCode(el: XmlElement | null): string | null {
  const domain = textAt(el, 'BkTxCd', 'Domn', 'Cd');
  if (domain) {
    const family = textAt(el, 'BkTxCd', 'Domn', 'Fmly', 'Cd');
    const sub = textAt(el, 'BkTxCd', 'Domn', 'Fmly', 'SubFmlyCd');
    return [domain, family, sub].filter(Boolean).join('/').toLowerCase();
  }
  return textAt(el, 'BkTxCd', 'Prtry', 'Cd')?.toLowerCase() ?? null;
}

interface StatementState {
  element: XmlElement;
  label: string;
  account: number;
  currency: string | null;
  /** Sum of the booked entries read, per currency. */
  entrySum: number;
  entries: number;
  rejected: number;
}

export function parseCamtText(bytes: Uint8Array, hints: ParseHints): ParsedStatement {
  refuseBinary(bytes);
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const declared = declaredEncoding(
    /<\?xml[^>]*\bencoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1],
  );
  const { text, encoding } = decodeText(bytes, { hint: hints.encoding, declared });
  const out = new StatementBuilder('camt', encoding, hints);
  let current: StatementState | null = null;
  let statements = 0;

  const begin = (stmt: XmlElement): StatementState => {
    statements++;
    const acct = child(stmt, 'Acct');
    const iban = ibanOf(textAt(acct, 'Id', 'IBAN'));
    const number = iban ?? textAt(acct, 'Id', 'Othr', 'Id');
    const currency = currencyCode(textAt(acct, 'Ccy')) ?? out.fallbackCurrency;
    const typeCode = textAt(acct, 'Tp', 'Cd');
    const label = `Statement ${textAt(stmt, 'Id') ?? statements}`;
    const account = out.account(`${number ?? `#${statements}`}|${currency ?? ''}`, {
      number,
      iban,
      institutionId:
        textAt(acct, 'Svcr', 'FinInstnId', 'BIC') ?? textAt(acct, 'Svcr', 'FinInstnId', 'BICFI'),
      name: textAt(acct, 'Nm'),
      type: typeCode ? (ACCOUNT_TYPES[typeCode] ?? 'other') : null,
      currency,
    });
    const from = dateOf(path(stmt, 'FrToDt'), 'FrDtTm');
    const to = dateOf(path(stmt, 'FrToDt'), 'ToDtTm');
    if (from && to && from <= to) out.periods.push({ account, from, to });
    return { element: stmt, label, account, currency, entrySum: 0, entries: 0, rejected: 0 };
  };

  /** Adds the statement's balances and returns them. */
  const readBalances = (state: StatementState): ParsedBalance[] => {
    const added: ParsedBalance[] = [];
    for (const bal of children(state.element, 'Bal')) {
      const code =
        textAt(bal, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(bal, 'Tp', 'CdOrPrtry', 'Prtry') ?? '';
      const kind = BALANCE_KINDS[code];
      if (!kind) continue;
      const amount = signedAmount(child(bal, 'Amt'), textAt(bal, 'CdtDbtInd'), state.currency);
      const date = dateIn(child(bal, 'Dt'));
      if (!amount.ok || !date) {
        out.warn(
          `${where({ line: bal.line })}: the ${code} balance of ${state.label} was left out: ${amount.ok ? 'it has no date' : amount.reason}.`,
          { line: bal.line, element: `${state.label} › Bal ${code}` },
        );
        continue;
      }
      const balance: ParsedBalance = {
        account: state.account,
        kind,
        code,
        date,
        amountMinor: amount.amount.minor,
        currency: amount.amount.currency,
      };
      out.addBalance(balance);
      added.push(balance);
    }
    return added;
  };

  const finishStatement = (state: StatementState) => {
    const mine = readBalances(state);
    const opening = mine.find((b) => b.code === 'OPBD') ?? mine.find((b) => b.code === 'PRCD');
    const closing = mine.filter((b) => b.code === 'CLBD').at(-1);
    if (!opening || !closing || opening.currency !== closing.currency) return;
    const expected = opening.amountMinor + state.entrySum;
    if (expected === closing.amountMinor) return;
    const digits = minorDigits(closing.currency);
    const money = (n: number) =>
      `${minorToDecimal(n, digits)}${closing.currency ? ` ${closing.currency}` : ''}`;
    const rejected =
      state.rejected > 0
        ? ` ${state.rejected} entr${state.rejected === 1 ? 'y was' : 'ies were'} left out, which may explain it.`
        : '';
    out.warn(
      `${state.label} (line ${state.element.line}): the closing balance ${money(closing.amountMinor)} on ${closing.date} is not the opening balance ${money(opening.amountMinor)} plus the ${state.entries} entr${state.entries === 1 ? 'y' : 'ies'} read (${money(expected)}); ${money(closing.amountMinor - expected)} is unaccounted for.${rejected}`,
      { line: state.element.line, element: state.label },
    );
  };

  const readEntry = (ntry: XmlElement, state: StatementState, index: number) => {
    const element = `${state.label} › Ntry ${index}`;
    const at = { line: ntry.line, element };
    const status = (textAt(ntry, 'Sts', 'Cd') ?? textAt(ntry, 'Sts') ?? 'BOOK').toUpperCase();
    if (status !== 'BOOK') {
      out.warn(`${where(at)}: an entry with status ${status} (not booked) was skipped.`, at);
      return;
    }
    const entryAmount = signedAmount(child(ntry, 'Amt'), textAt(ntry, 'CdtDbtInd'), state.currency);
    const bookDate = dateIn(child(ntry, 'BookgDt'));
    const valueDate = dateIn(child(ntry, 'ValDt'));
    const date = bookDate ?? valueDate;
    const problems: string[] = [];
    if (!entryAmount.ok) problems.push(entryAmount.reason);
    if (!date) problems.push('it has neither a booking date (BookgDt) nor a value date (ValDt)');
    if (!entryAmount.ok || !date) {
      state.rejected++;
      out.reject(`${where(at)}: the entry was left out: ${problems.join('; ')}.`, at);
      return;
    }
    const reversal = textAt(ntry, 'RvslInd')?.toLowerCase() === 'true';
    const details = children(ntry, 'NtryDtls').flatMap((d) => children(d, 'TxDtls'));
    const entryRef = textAt(ntry, 'AcctSvcrRef');
    const entryInfo = textAt(ntry, 'AddtlNtryInf');
    const entryIndicator = textAt(ntry, 'CdtDbtInd');

    // A batch: one transaction per TxDtls when each says its own amount in the entry's currency.
    let parts: { tx: XmlElement | null; amount: Amount }[] = [
      { tx: details[0] ?? null, amount: entryAmount.amount },
    ];
    if (details.length > 1) {
      const amounts = details.map((tx) =>
        signedAmount(
          path(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? child(tx, 'Amt'),
          textAt(tx, 'CdtDbtInd') ?? entryIndicator,
          state.currency,
        ),
      );
      const usable = amounts.every(
        (a) => a.ok && a.amount.currency === entryAmount.amount.currency,
      );
      if (usable) {
        parts = details.map((tx, i) => ({
          tx,
          amount: (amounts[i] as { ok: true; amount: Amount }).amount,
        }));
        const sum = parts.reduce((s, p) => s + p.amount.minor, 0);
        if (sum !== entryAmount.amount.minor) {
          out.warn(
            `${where(at)}: the ${details.length} transactions of this batch add up to ${sum} minor units, the entry to ${entryAmount.amount.minor}; each transaction was imported with its own amount.`,
            at,
          );
        }
      } else {
        out.warn(
          `${where(at)}: this batch entry has ${details.length} transactions without their own amounts in the entry's currency; it was imported as one transaction.`,
          at,
        );
      }
    }

    parts.forEach(({ tx, amount }, i) => {
      const parties = child(tx, 'RltdPties');
      const incoming = amount.minor >= 0;
      const payee = incoming
        ? (partyName(parties, 'Dbtr') ??
          partyName(parties, 'UltmtDbtr') ??
          partyName(parties, 'Cdtr') ??
          partyName(parties, 'UltmtCdtr'))
        : (partyName(parties, 'Cdtr') ??
          partyName(parties, 'UltmtCdtr') ??
          partyName(parties, 'Dbtr') ??
          partyName(parties, 'UltmtDbtr'));
      const remittance = children(child(tx, 'RmtInf'), 'Ustrd')
        .map((u) => u.text.trim())
        .filter(Boolean)
        .join(' ');
      const returnReason =
        textAt(tx, 'RtrInf', 'Rsn', 'Cd') ?? textAt(tx, 'RtrInf', 'Rsn', 'Prtry');
      let memo =
        remittance ||
        textAt(tx, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref') ||
        textAt(tx, 'AddtlTxInf') ||
        entryInfo;
      if (returnReason) memo = `${memo ? `${memo} · ` : ''}Return reason ${returnReason}`;
      const endToEnd = textAt(tx, 'Refs', 'EndToEndId');
      const externalId =
        textAt(tx, 'Refs', 'AcctSvcrRef') ??
        (entryRef ? (parts.length > 1 ? `${entryRef}#${i + 1}` : entryRef) : null) ??
        (endToEnd && endToEnd.toUpperCase() !== 'NOTPROVIDED'
          ? reversal
            ? `${endToEnd}/reversal`
            : endToEnd
          : null);
      state.entrySum += amount.minor;
      out.addTransaction({
        account: state.account,
        date,
        valueDate,
        amountMinor: amount.minor,
        currency: amount.currency,
        payee,
        memo: memo ?? null,
        externalId,
        checkNumber: textAt(tx, 'Refs', 'ChqNb'),
        type: bankCode(tx) ?? bankCode(ntry),
        reversal: reversal || returnReason !== null || child(tx, 'RtrInf') !== null,
        line: parts.length > 1 ? (tx?.line ?? ntry.line) : ntry.line,
      });
    });
    state.entries++;
  };

  let entryIndex = 0;
  const root = readXml(text, (el, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (el.name === 'Ntry' && parent && STATEMENT_NAMES.has(parent.name)) {
      if (current?.element !== parent) {
        current = begin(parent);
        entryIndex = 0;
      }
      readEntry(el, current, ++entryIndex);
      return 'drop';
    }
    if (STATEMENT_NAMES.has(el.name) && parent && MESSAGE_NAMES.has(parent.name)) {
      const state: StatementState = current?.element === el ? current : begin(el);
      finishStatement(state);
      current = null;
      return 'drop';
    }
    return 'keep';
  });

  const document = root.children[0];
  const message = document?.children.find((c) => MESSAGE_NAMES.has(c.name));
  if (!document || !message) {
    throw new StatementError(
      'unrecognised',
      'This XML file is not a CAMT.053 statement (no Document/BkToCstmrStmt), nor OFX.',
    );
  }
  const namespaces = Object.values(document.attributes).join(' ');
  out.formatVersion = /camt\.05[234]\.\d{3}\.\d{2}/.exec(namespaces)?.[0] ?? null;
  if (statements === 0) out.warn('The file holds no statement (Stmt).');
  return out.finish();
}
