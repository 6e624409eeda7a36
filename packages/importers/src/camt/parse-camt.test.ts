import { describe, expect, it } from 'vitest';
import { parseCamt } from '../index.ts';
import { bytes, statementOf } from '../testing/helpers.ts';

const document = (version: string, statement: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}">
<BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr>
${statement}
</BkToCstmrStmt></Document>`;

const account = `<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Nm>Giro</Nm><Tp><Cd>CACC</Cd></Tp><Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr></Acct>`;

describe('parseCamt', () => {
  it('reads a camt.053.001.08 statement: Sts/Cd, Pty names, bank codes, booking and value dates', () => {
    const xml = document(
      '08',
      `<Stmt><Id>S1</Id><FrToDt><FrDtTm>2024-03-01T00:00:00+01:00</FrDtTm><ToDtTm>2024-03-31T23:59:59+01:00</ToDtTm></FrToDt>${account}
<Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-02-29</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2024-03-31</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">950.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><DtTm>2024-03-31T23:00:00Z</DtTm></Dt></Bal>
<Ntry><Amt Ccy="EUR">150.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><DtTm>2024-03-04T10:00:00+01:00</DtTm></BookgDt><ValDt><Dt>2024-03-05</Dt></ValDt><AcctSvcrRef>REF-1</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs>
<RltdPties><Dbtr><Pty><Nm>Me</Nm></Pty></Dbtr><Cdtr><Pty><Nm>Landlord &amp; Co</Nm></Pty></Cdtr></RltdPties>
<RmtInf><Ustrd>Rent</Ustrd><Ustrd>March</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt>`,
    );
    const s = statementOf(parseCamt(bytes(xml)));
    expect(s.formatVersion).toBe('camt.053.001.08');
    expect(s.accounts).toEqual([
      {
        number: 'DE89370400440532013000',
        iban: 'DE89370400440532013000',
        institutionId: 'COBADEFFXXX',
        branchId: null,
        name: 'Giro',
        type: 'checking',
        currency: 'EUR',
      },
    ]);
    expect(s.periods).toEqual([{ account: 0, from: '2024-03-01', to: '2024-03-31' }]);
    expect(s.balances.map((b) => [b.kind, b.code, b.date, b.amountMinor])).toEqual([
      ['opening', 'PRCD', '2024-02-29', 10000],
      ['closing', 'CLBD', '2024-03-31', -5000],
      ['available', 'CLAV', '2024-03-31', 95000],
    ]);
    expect(s.transactions).toEqual([
      {
        account: 0,
        date: '2024-03-04',
        valueDate: '2024-03-05',
        amountMinor: -15000,
        currency: 'EUR',
        payee: 'Landlord & Co',
        memo: 'Rent March',
        externalId: 'REF-1',
        checkNumber: null,
        categoryHint: null,
        transferAccount: null,
        type: 'pmnt/icdt/esct',
        reversal: false,
        balanceAfterMinor: null,
        splits: [],
        line: 8,
      },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('gives a batch entry with several TxDtls one transaction each', () => {
    const xml = document(
      '04',
      `<Stmt><Id>S1</Id>${account}
<Ntry><Amt Ccy="EUR">30.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt><AcctSvcrRef>BATCH</AcctSvcrRef>
<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls><RltdPties><Dbtr><Nm>Alice</Nm></Dbtr></RltdPties></TxDtls>
<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">20.00</Amt></TxAmt></AmtDtls><RltdPties><Dbtr><Nm>Bob</Nm></Dbtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
</NtryDtls></Ntry></Stmt>`,
    );
    const s = statementOf(parseCamt(bytes(xml)));
    expect(
      s.transactions.map((t) => [t.amountMinor, t.payee, t.memo, t.externalId, t.line]),
    ).toEqual([
      [1000, 'Alice', null, 'BATCH#1', 7],
      [2000, 'Bob', 'RF18539007547034', 'BATCH#2', 8],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('imports a batch without amounts per transaction as one transaction, with a warning', () => {
    const xml = document(
      '02',
      `<Stmt><Id>S1</Id>${account}
<Ntry><Amt Ccy="EUR">30.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt>
<NtryDtls><TxDtls><Refs><EndToEndId>A</EndToEndId></Refs></TxDtls><TxDtls><Refs><EndToEndId>B</EndToEndId></Refs></TxDtls></NtryDtls></Ntry></Stmt>`,
    );
    const s = statementOf(parseCamt(bytes(xml)));
    expect(s.transactions.map((t) => [t.amountMinor, t.externalId])).toEqual([[-3000, 'A']]);
    expect(s.warnings[0]?.message).toMatch(/2 transactions without their own amounts/);
  });

  it('flags reversals and returns, keeps their own sign, and keeps their bank ids apart', () => {
    const entry = (indicator: string, reversal: boolean, extra = '') =>
      `<Ntry><Amt Ccy="EUR">12.00</Amt><CdtDbtInd>${indicator}</CdtDbtInd>${reversal ? '<RvslInd>true</RvslInd>' : ''}<Sts>BOOK</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E-9</EndToEndId></Refs>${extra}</TxDtls></NtryDtls></Ntry>`;
    const xml = document(
      '02',
      `<Stmt><Id>S1</Id>${account}${entry('DBIT', false)}${entry('CRDT', true)}${entry('CRDT', false, '<RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf>')}</Stmt>`,
    );
    const s = statementOf(parseCamt(bytes(xml)));
    expect(s.transactions.map((t) => [t.amountMinor, t.reversal, t.externalId, t.memo])).toEqual([
      [-1200, false, 'E2E-9', null],
      [1200, true, 'E2E-9/reversal', null],
      [1200, true, 'E2E-9', 'Return reason AC04'],
    ]);
    // A debit and its reversal on the same day are two transactions.
    expect(s.transactions.filter((t) => t.date === '2024-03-04')).toHaveLength(3);
  });

  it('skips pending entries with a warning and rejects inexact amounts with the reason', () => {
    const xml = document(
      '02',
      `<Stmt><Id>S1</Id>${account}
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt></Ntry>
<Ntry><Amt Ccy="EUR">8.855</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt></Ntry>
<Ntry><Amt Ccy="EUR">2.00</Amt><Sts>BOOK</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt></Ntry>
<Ntry><Amt Ccy="JPY">500</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><ValDt><Dt>2024-03-06</Dt></ValDt></Ntry>
</Stmt>`,
    );
    const s = statementOf(parseCamt(bytes(xml)));
    expect(s.warnings.map((w) => w.message)).toEqual([
      'Line 5 (Statement S1 › Ntry 1): an entry with status PDNG (not booked) was skipped.',
    ]);
    expect(s.errors.map((e) => e.message)).toEqual([
      'Line 6 (Statement S1 › Ntry 2): the entry was left out: the amount 8.855 has more decimal places than EUR has 2 decimal places, and Outlay does not round amounts.',
      'Line 7 (Statement S1 › Ntry 3): the entry was left out: it has no CdtDbtInd, so its sign is unknown.',
    ]);
    // Without a booking date the value date is the date; the amount keeps its own currency.
    expect(s.transactions).toEqual([
      expect.objectContaining({
        date: '2024-03-06',
        valueDate: '2024-03-06',
        amountMinor: -500,
        currency: 'JPY',
      }),
    ]);
  });

  it('reads camt.054 notifications and camt.052 reports through the same entries', () => {
    const ntry = `<Ntry><Amt Ccy="CHF">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt></Ntry>`;
    const camt054 = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04"><BkToCstmrDbtCdtNtfctn><Ntfctn><Id>N</Id><Acct><Id><Othr><Id>12345</Id></Othr></Id></Acct>${ntry}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    const s = statementOf(parseCamt(bytes(camt054)));
    expect(s.formatVersion).toBe('camt.054.001.04');
    expect(s.accounts[0]).toMatchObject({ number: '12345', iban: null, currency: null });
    expect(s.transactions.map((t) => [t.amountMinor, t.currency])).toEqual([[500, 'CHF']]);
    const camt052 = camt054
      .replaceAll('054', '052')
      .replaceAll('BkToCstmrDbtCdtNtfctn', 'BkToCstmrAcctRpt')
      .replaceAll('Ntfctn>', 'Rpt>');
    expect(statementOf(parseCamt(bytes(camt052))).transactions).toHaveLength(1);
  });
});
