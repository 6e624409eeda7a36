import { describe, expect, it } from 'vitest';
import { parseOfx } from '../index.ts';
import { bytes, failureOf, statementOf } from '../testing/helpers.ts';

const SGML_HEADER = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:151\nENCODING:USASCII\nCHARSET:1252\n\n';

describe('parseOfx', () => {
  it('reads a bank and a card statement in one file, missing end tags and all', () => {
    const ofx = `${SGML_HEADER}<OFX>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>CAD<BANKACCTFROM><BANKID>001<ACCTID>111<ACCTTYPE>SAVINGS</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20240101<DTEND>20240131
<STMTTRN><TRNTYPE>dep<DTPOSTED>20240105<DTAVAIL>20240106<TRNAMT>1.234,50<FITID>A1<NAME>Smith &amp; Sons &lt;Ltd&gt;
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240106<TRNAMT>-5.00<FITID>A2<PAYEE><NAME>Payee aggregate</PAYEE><CURRENCY><CURRATE>1.35<CURSYM>USD</CURRENCY>
<LEDGERBAL><BALAMT>1000.00<DTASOF>20240131</LEDGERBAL>
</STMTRS></STMTTRNRS>
<STMTTRNRS><TRNUID>2<STATUS><CODE>2000<SEVERITY>ERROR<MESSAGE>Try later</STATUS>
<STMTRS><CURDEF>CAD<BANKACCTFROM><BANKID>001<ACCTID>111<ACCTTYPE>SAVINGS</BANKACCTFROM>
<BANKTRANLIST><STMTTRN><TRNTYPE>INT<DTPOSTED>20240201<TRNAMT>0.42<FITID>A3</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>
<CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>CAD<CCACCTFROM><ACCTID>4111</CCACCTFROM>
<BANKTRANLIST><STMTTRN><TRNTYPE>PAYMENT<DTPOSTED>20240110<TRNAMT>100<FITID>C1<NAME>Thank you</STMTTRN></BANKTRANLIST>
</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>
<INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>CAD</INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1>
</OFX>`;
    const s = statementOf(parseOfx(bytes(ofx)));
    expect(s.formatVersion).toBe('151');
    expect(s.accounts.map((a) => [a.number, a.institutionId, a.type])).toEqual([
      ['111', '001', 'savings'],
      ['4111', null, 'creditCard'],
    ]);
    expect(
      s.transactions.map((t) => [t.account, t.date, t.amountMinor, t.currency, t.payee, t.type]),
    ).toEqual([
      [0, '2024-01-05', 123450, 'CAD', 'Smith & Sons <Ltd>', 'dep'],
      [0, '2024-01-06', -500, 'USD', 'Payee aggregate', 'debit'],
      [0, '2024-02-01', 42, 'CAD', null, 'int'],
      [1, '2024-01-10', 10000, 'CAD', 'Thank you', 'payment'],
    ]);
    expect(s.transactions[0]?.valueDate).toBe('2024-01-06');
    expect(s.periods).toEqual([{ account: 0, from: '2024-01-01', to: '2024-01-31' }]);
    expect(s.balances).toEqual([
      {
        account: 0,
        kind: 'closing',
        code: 'LEDGERBAL',
        date: '2024-01-31',
        amountMinor: 100000,
        currency: 'CAD',
      },
    ]);
    expect(s.warnings.map((w) => w.message)).toEqual([
      'Line 21: an investment statement (INVSTMTRS) was skipped; only bank and credit-card statements are imported.',
      'Line 15: the bank reported status 2000 ("Try later"); the statement may be incomplete.',
    ]);
  });

  it('reads a body with no header at all', () => {
    const s = statementOf(
      parseOfx(
        bytes(
          '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST><STMTTRN><DTPOSTED>20240101<TRNAMT>-1<FITID>x</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
        ),
      ),
    );
    expect(s.formatVersion).toBeNull();
    expect(s.transactions.map((t) => t.amountMinor)).toEqual([-100]);
    expect(s.warnings.map((w) => w.message)).toEqual([
      'Line 1: the statement names no account (BANKACCTFROM).',
    ]);
  });

  it('warns about a file with no statement in it, and refuses one with no OFX element', () => {
    const empty = statementOf(
      parseOfx(bytes(`${SGML_HEADER}<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>`)),
    );
    expect(empty.transactions).toEqual([]);
    expect(empty.warnings.map((w) => w.message)).toEqual([
      'The file holds no bank or credit-card statement (no STMTRS or CCSTMTRS element).',
    ]);
    expect(failureOf(parseOfx(bytes(`${SGML_HEADER}<FOO>bar</FOO>`))).code).toBe('malformed');
  });

  it('rejects amounts with more decimals than the currency has, and warns about a repeated FITID', () => {
    const ofx = `${SGML_HEADER}<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>JPY<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST>
<STMTTRN><DTPOSTED>20240101<TRNAMT>-100.5<FITID>X
<STMTTRN><DTPOSTED>20240102<TRNAMT>-100<FITID>Y
<STMTTRN><DTPOSTED>20240103<TRNAMT>-200.00<FITID>Y
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const s = statementOf(parseOfx(bytes(ofx)));
    expect(s.transactions.map((t) => t.amountMinor)).toEqual([-100, -200]);
    expect(s.errors.map((e) => e.message)).toEqual([
      'Line 8: the transaction (STMTTRN) was left out: TRNAMT: the amount -100.5 has more decimal places than JPY has no minor unit, and Outlay does not round amounts.',
    ]);
    expect(s.warnings.map((w) => w.message)).toEqual([
      'Line 10: the bank id "Y" was already used by the transaction on line 9; matching by bank id cannot tell these two apart.',
    ]);
  });

  it('uses the charset the header declares for bytes that are not UTF-8', () => {
    const head = bytes(
      `${SGML_HEADER}<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20240101<TRNAMT>-1<FITID>1<NAME>Caf`,
    );
    const tail = bytes('</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>');
    const file = new Uint8Array([...head, 0xe9, 0x80, ...tail]);
    const s = statementOf(parseOfx(file));
    expect(s.encoding).toBe('windows-1252');
    expect(s.transactions[0]?.payee).toBe('Café€');
  });
});
