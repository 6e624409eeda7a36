/**
 * Column names banks use, by role, in English, German, French, Dutch, Spanish, Italian and the
 * Nordic languages. A header cell matches a role when, lower-cased with accents and punctuation
 * removed, it equals one of the names, optionally followed by a currency code ("Bedrag (EUR)").
 * Earlier names in a list win when several columns match.
 */

export type HeaderRole =
  | 'date'
  | 'amount'
  | 'debit'
  | 'credit'
  | 'balance'
  | 'payee'
  | 'description'
  | 'memo'
  | 'currency'
  | 'externalId'
  | 'checkNumber'
  | 'category'
  | 'account'
  | 'sign';

export const HEADER_NAMES: Record<HeaderRole, string[]> = {
  date: [
    'date',
    'transaction date',
    'posting date',
    'posted date',
    'post date',
    'booking date',
    'booked date',
    'trans date',
    'txn date',
    'completed date',
    'datum',
    'buchungstag',
    'buchungsdatum',
    'boekdatum',
    'transactiedatum',
    'date operation',
    'date de operation',
    'date de l operation',
    'date comptable',
    'fecha',
    'fecha operacion',
    'fecha de operacion',
    'data',
    'data operazione',
    'data contabile',
    'dato',
    'bogforingsdato',
    'bokforingsdag',
    'bokforingsdato',
    'transaktionsdatum',
    'paivamaara',
    'kirjauspaiva',
  ],
  amount: [
    'amount',
    'transaction amount',
    'amt',
    'betrag',
    'umsatz',
    'bedrag',
    'montant',
    'importe',
    'importo',
    'belob',
    'belopp',
    'belop',
    'summa',
    'net amount',
    'net',
    'value',
    'gross',
  ],
  debit: [
    'debit',
    'debits',
    'debit amount',
    'amount debit',
    'withdrawal',
    'withdrawals',
    'withdrawal amount',
    'paid out',
    'money out',
    'out',
    'soll',
    'lastschrift',
    'debet',
    'af',
    'uitgaven',
    'sortie',
    'debito',
    'cargo',
    'cargos',
    'addebiti',
    'uttag',
  ],
  credit: [
    'credit',
    'credits',
    'credit amount',
    'amount credit',
    'deposit',
    'deposits',
    'deposit amount',
    'paid in',
    'money in',
    'in',
    'haben',
    'gutschrift',
    'bij',
    'inkomsten',
    'entree',
    'credito',
    'abono',
    'abonos',
    'accrediti',
    'insattning',
  ],
  balance: [
    'balance',
    'running balance',
    'running bal',
    'balance after',
    'saldo',
    'solde',
    'kontostand',
    'saldo na mutatie',
    'saldo nach buchung',
    'saldo disponibile',
  ],
  payee: [
    'payee',
    'payee name',
    'name',
    'counterparty',
    'counterparty name',
    'counter party',
    'beneficiary',
    'merchant',
    'merchant name',
    'recipient',
    'payer',
    'naam',
    'naam omschrijving',
    'naam tegenpartij',
    'empfanger',
    'auftraggeber',
    'auftraggeber empfanger',
    'beguenstigter zahlungspflichtiger',
    'begunstigter zahlungspflichtiger',
    'zahlungsempfanger',
    'name zahlungsbeteiligter',
    'beneficiaire',
    'tiers',
    'beneficiario',
    'ordenante',
    'mottagare',
  ],
  description: [
    'description',
    'transaction description',
    'details',
    'transaction details',
    'narrative',
    'particulars',
    'omschrijving',
    'libelle',
    'libelle operation',
    'libelle de l operation',
    'buchungstext',
    'verwendungszweck',
    'concepto',
    'descripcion',
    'descrizione',
    'causale',
    'beskrivelse',
    'tekst',
    'text',
    'beskrivning',
    'selite',
  ],
  memo: [
    'memo',
    'notes',
    'note',
    'reference',
    'payment reference',
    'type',
    'transaction type',
    'item title',
    'subject',
    'message',
    'remittance information',
    'purpose',
    'mededelingen',
    'mutatiesoort',
    'buchungsart',
    'vorgang',
    'information complementaire',
    'informations complementaires',
  ],
  currency: [
    'currency',
    'ccy',
    'currency code',
    'wahrung',
    'waehrung',
    'devise',
    'munt',
    'moneda',
    'valuta',
  ],
  externalId: [
    'transaction id',
    'id',
    'fitid',
    'transaction reference',
    'transaction number',
    'reference number',
    'unique id',
    'bank reference',
  ],
  checkNumber: [
    'check',
    'check number',
    'check no',
    'check or slip',
    'cheque',
    'cheque number',
    'chq',
    'num',
    'scheck',
  ],
  category: ['category', 'kategorie', 'categorie', 'categoria', 'kategori'],
  account: [
    'account',
    'account number',
    'account no',
    'iban',
    'rekening',
    'rekeningnummer',
    'konto',
    'kontonummer',
    'auftragskonto',
    'compte',
    'numero de compte',
    'cuenta',
    'conto',
  ],
  sign: [
    'af bij',
    'debit credit',
    'credit debit',
    'dr cr',
    'cr dr',
    'd c',
    'c d',
    'soll haben',
    'debit credit indicator',
    'credit debit indicator',
    'sign',
  ],
};

/** Values of a sign column that mean money out, and those that mean money in. */
export const DEBIT_MARKERS = new Set([
  'af',
  'd',
  'dr',
  'db',
  'debit',
  'debet',
  'dbit',
  's',
  'soll',
  '-',
  'out',
  'uit',
  'withdrawal',
  'lastschrift',
  'debito',
  'cargo',
]);
export const CREDIT_MARKERS = new Set([
  'bij',
  'c',
  'cr',
  'credit',
  'crdt',
  'h',
  'haben',
  '+',
  'in',
  'deposit',
  'gutschrift',
  'credito',
  'abono',
]);

export function normalizeHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The roles a header cell matches, with a rank (lower is better) for each. */
export function headerRoles(name: string): Map<HeaderRole, number> {
  const n = normalizeHeader(name);
  const bare = n.replace(/\s(?:in\s)?[a-z]{3}$/, '');
  const roles = new Map<HeaderRole, number>();
  for (const [role, names] of Object.entries(HEADER_NAMES) as [HeaderRole, string[]][]) {
    let rank = names.indexOf(n);
    if (rank === -1 && bare !== n) rank = names.indexOf(bare);
    if (rank !== -1) roles.set(role, rank);
  }
  return roles;
}
