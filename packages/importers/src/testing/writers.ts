/**
 * Test support: generated statements and writers that put them into each format the way banks
 * do, for the round-trip property tests (written and read back give the same transactions).
 */
import fc from 'fast-check';
import { currencyDigits, minorToDecimal } from '@outlay/contracts';

export interface GenTransaction {
  date: string;
  amountMinor: number;
  payee: string;
  memo: string | null;
  externalId: string;
}

export interface GenStatement {
  currency: string;
  transactions: GenTransaction[];
}

const WORDS = [
  'Shop',
  'Cafe',
  'Rent',
  'Salary',
  'Market',
  'Pharmacy',
  'Müller',
  'Café René',
  "O'Brien",
  'AT&T',
];
const TAIL = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,&-/\'"<>;#%';

const text = fc
  .tuple(fc.constantFrom(...WORDS), fc.string({ unit: fc.constantFrom(...TAIL), maxLength: 20 }))
  .map(([word, tail]) => `${word} ${tail}`.trim().replace(/\s+/g, ' '));

/** A calendar date; days up to 28 so every generated date exists. */
export const dateArb = fc
  .tuple(
    fc.integer({ min: 1950, max: 2080 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

export const statementArb: fc.Arbitrary<GenStatement> = fc
  .record({
    currency: fc.constantFrom('EUR', 'USD', 'GBP', 'JPY', 'KWD'),
    rows: fc.array(
      fc.record({
        date: dateArb,
        amountMinor: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        payee: text,
        memo: fc.option(text, { nil: null }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ currency, rows }) => ({
    currency,
    transactions: rows.map((r, i) => ({
      ...r,
      externalId: `TX${i + 1}-${r.date.replaceAll('-', '')}`,
    })),
  }));

const [Y, M, D] = [0, 1, 2];
function parts(date: string): [string, string, string] {
  const p = date.split('-');
  return [p[Y] ?? '', p[M] ?? '', p[D] ?? ''];
}

export function decimalText(
  minor: number,
  currency: string,
  style: { decimal?: '.' | ','; group?: boolean } = {},
): string {
  const digits = currencyDigits(currency);
  const plain = minorToDecimal(Math.abs(minor), digits);
  const [integer = '', fraction] = plain.split('.');
  let whole = integer;
  if (style.group) {
    const sep = style.decimal === ',' ? '.' : ',';
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }
  const body = fraction === undefined ? whole : `${whole}${style.decimal ?? '.'}${fraction}`;
  return `${minor < 0 ? '-' : ''}${body}`;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  decimal: '.' | ',';
  group: boolean;
  header: boolean;
  date: 'iso' | 'dmy' | 'mdy' | 'compact' | 'dayMonthName';
  amounts: 'signed' | 'debitCredit' | 'signColumn';
  memo: boolean;
  bom: boolean;
  crlf: boolean;
}

export const csvDialectArb: fc.Arbitrary<CsvDialect> = fc
  .record({
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
    decimal: fc.constantFrom('.' as const, ',' as const),
    group: fc.boolean(),
    header: fc.boolean(),
    date: fc.constantFrom(
      'iso' as const,
      'dmy' as const,
      'mdy' as const,
      'compact' as const,
      'dayMonthName' as const,
    ),
    amounts: fc.constantFrom('signed' as const, 'debitCredit' as const, 'signColumn' as const),
    memo: fc.boolean(),
    bom: fc.boolean(),
    crlf: fc.boolean(),
  })
  // Without a header, a file is read from its content: one text column (the payee), and the
  // sign-column layout needs its header. Zero-decimal currencies carry no decimal marks, so their
  // amounts are only told from other numbers by a header.
  .map((d) => (d.amounts === 'signColumn' ? { ...d, header: true } : d))
  .map((d) => (d.header ? d : { ...d, memo: false }));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function csvDate(date: string, style: CsvDialect['date']): string {
  const [y, m, d] = parts(date);
  switch (style) {
    case 'iso':
      return date;
    case 'dmy':
      return `${d}/${m}/${y}`;
    case 'mdy':
      return `${Number(m)}/${Number(d)}/${y}`;
    case 'compact':
      return `${y}${m}${d}`;
    case 'dayMonthName':
      return `${d} ${MONTHS[Number(m) - 1]} ${y}`;
  }
}

function csvCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) || value !== value.trim()
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

export function writeCsv(s: GenStatement, d: CsvDialect): string {
  const money = (minor: number) =>
    decimalText(minor, s.currency, { decimal: d.decimal, group: d.group });
  const head = ['Date', 'Description'];
  if (d.memo) head.push('Memo');
  if (d.amounts === 'signed') head.push('Amount');
  if (d.amounts === 'debitCredit') head.push('Debit', 'Credit');
  if (d.amounts === 'signColumn') head.push('Amount', 'D/C');
  if (d.header) head.push('Transaction ID');
  const rows: string[][] = d.header ? [head] : [];
  for (const t of s.transactions) {
    const row = [csvDate(t.date, d.date), t.payee];
    if (d.memo) row.push(t.memo ?? '');
    const abs = money(Math.abs(t.amountMinor));
    if (d.amounts === 'signed') row.push(money(t.amountMinor));
    if (d.amounts === 'debitCredit')
      row.push(t.amountMinor < 0 ? abs : '', t.amountMinor < 0 ? '' : abs);
    if (d.amounts === 'signColumn') row.push(abs, t.amountMinor < 0 ? 'D' : 'C');
    if (d.header) row.push(t.externalId);
    rows.push(row);
  }
  const eol = d.crlf ? '\r\n' : '\n';
  const body =
    rows.map((r) => r.map((c) => csvCell(c, d.delimiter)).join(d.delimiter)).join(eol) + eol;
  return (d.bom ? '\uFEFF' : '') + body;
}

// ---------------------------------------------------------------------------------------------
// OFX
// ---------------------------------------------------------------------------------------------

export interface OfxDialect {
  xml: boolean;
  oneLine: boolean;
  decimalComma: boolean;
  timestamps: boolean;
  card: boolean;
}

export const ofxDialectArb: fc.Arbitrary<OfxDialect> = fc.record({
  xml: fc.boolean(),
  oneLine: fc.boolean(),
  decimalComma: fc.boolean(),
  timestamps: fc.boolean(),
  card: fc.boolean(),
});

const escapeMarkup = (v: string) =>
  v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function writeOfx(s: GenStatement, d: OfxDialect): string {
  const eol = d.oneLine ? '' : '\n';
  const leaf = (tag: string, value: string) =>
    d.xml
      ? `<${tag}>${escapeMarkup(value)}</${tag}>${eol}`
      : `<${tag}>${escapeMarkup(value)}${eol}`;
  const stamp = (date: string) =>
    date.replaceAll('-', '') + (d.timestamps ? '235959.123[-5:EST]' : '');
  const amount = (minor: number) => {
    const t = decimalText(minor, s.currency);
    return d.decimalComma ? t.replace('.', ',') : t;
  };
  const header = d.xml
    ? `<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n`
    : 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:UTF-8\nCHARSET:NONE\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n';
  const rs = d.card ? 'CCSTMTRS' : 'STMTRS';
  const trnrs = d.card ? 'CCSTMTTRNRS' : 'STMTTRNRS';
  const msgs = d.card ? 'CREDITCARDMSGSRSV1' : 'BANKMSGSRSV1';
  const from = d.card
    ? `<CCACCTFROM>${eol}${leaf('ACCTID', '4111111111111111')}</CCACCTFROM>${eol}`
    : `<BANKACCTFROM>${eol}${leaf('BANKID', '123456789')}${leaf('ACCTID', '000123')}${leaf('ACCTTYPE', 'CHECKING')}</BANKACCTFROM>${eol}`;
  let body = `<OFX>${eol}<SIGNONMSGSRSV1>${eol}<SONRS>${eol}<STATUS>${eol}${leaf('CODE', '0')}${leaf('SEVERITY', 'INFO')}</STATUS>${eol}${leaf('DTSERVER', '20200101')}${leaf('LANGUAGE', 'ENG')}</SONRS>${eol}</SIGNONMSGSRSV1>${eol}`;
  body += `<${msgs}>${eol}<${trnrs}>${eol}${leaf('TRNUID', '1')}<${rs}>${eol}${leaf('CURDEF', s.currency)}${from}<BANKTRANLIST>${eol}`;
  for (const t of s.transactions) {
    body += `<STMTTRN>${eol}${leaf('TRNTYPE', t.amountMinor < 0 ? 'DEBIT' : 'CREDIT')}${leaf('DTPOSTED', stamp(t.date))}${leaf('TRNAMT', amount(t.amountMinor))}${leaf('FITID', t.externalId)}${leaf('NAME', t.payee)}${t.memo === null ? '' : leaf('MEMO', t.memo)}</STMTTRN>${eol}`;
  }
  body += `</BANKTRANLIST>${eol}</${rs}>${eol}</${trnrs}>${eol}</${msgs}>${eol}</OFX>${eol}`;
  return header + body;
}

// ---------------------------------------------------------------------------------------------
// QIF
// ---------------------------------------------------------------------------------------------

export interface QifDialect {
  apostrophe: boolean;
  group: boolean;
  type: 'Bank' | 'CCard' | 'Cash';
  account: boolean;
}

export const qifDialectArb: fc.Arbitrary<QifDialect> = fc.record({
  apostrophe: fc.boolean(),
  group: fc.boolean(),
  type: fc.constantFrom('Bank' as const, 'CCard' as const, 'Cash' as const),
  account: fc.boolean(),
});

export function writeQif(s: GenStatement, d: QifDialect): string {
  const lines: string[] = [];
  if (d.account) lines.push('!Account', 'NMy account', `T${d.type}`, '^');
  lines.push(`!Type:${d.type}`);
  for (const t of s.transactions) {
    const [y, m, day] = parts(t.date);
    lines.push(d.apostrophe ? `D${Number(m)}/${Number(day)}'${y}` : `D${m}/${day}/${y}`);
    lines.push(`T${decimalText(t.amountMinor, s.currency, { group: d.group })}`);
    lines.push(`P${t.payee}`);
    if (t.memo !== null) lines.push(`M${t.memo}`);
    lines.push('^');
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// CAMT.053
// ---------------------------------------------------------------------------------------------

export interface CamtDialect {
  version: '02' | '08';
  prefix: boolean;
}

export const camtDialectArb: fc.Arbitrary<CamtDialect> = fc.record({
  version: fc.constantFrom('02' as const, '08' as const),
  prefix: fc.boolean(),
});

export function writeCamt(s: GenStatement, d: CamtDialect): string {
  const p = d.prefix ? 'c:' : '';
  const el = (name: string, inner: string, attrs = '') =>
    `<${p}${name}${attrs}>${inner}</${p}${name}>`;
  const ns = `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${d.version}`;
  const entries = s.transactions.map((t) => {
    const indicator = t.amountMinor < 0 ? 'DBIT' : 'CRDT';
    const party =
      d.version === '08'
        ? (n: string) => el('Pty', el('Nm', escapeMarkup(n)))
        : (n: string) => el('Nm', escapeMarkup(n));
    const related = t.amountMinor < 0 ? el('Cdtr', party(t.payee)) : el('Dbtr', party(t.payee));
    const status = d.version === '08' ? el('Sts', el('Cd', 'BOOK')) : el('Sts', 'BOOK');
    return el(
      'Ntry',
      el('Amt', decimalText(Math.abs(t.amountMinor), s.currency), ` Ccy="${s.currency}"`) +
        el('CdtDbtInd', indicator) +
        status +
        el('BookgDt', el('Dt', t.date)) +
        el('ValDt', el('Dt', t.date)) +
        el('AcctSvcrRef', t.externalId) +
        el(
          'NtryDtls',
          el(
            'TxDtls',
            el('RltdPties', related) +
              (t.memo === null ? '' : el('RmtInf', el('Ustrd', escapeMarkup(t.memo)))),
          ),
        ),
    );
  });
  const stmt = el(
    'Stmt',
    el('Id', 'STMT-1') +
      el('Acct', el('Id', el('IBAN', 'DE89370400440532013000')) + el('Ccy', s.currency)) +
      entries.join('\n'),
  );
  const xmlns = d.prefix ? ` xmlns:c="${ns}"` : ` xmlns="${ns}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('Document', el('BkToCstmrStmt', el('GrpHdr', el('MsgId', 'M1')) + stmt), xmlns)}\n`;
}
