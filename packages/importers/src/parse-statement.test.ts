import { describe, expect, it } from 'vitest';
import { MAX_STATEMENT_BYTES, StatementParseResult } from '@outlay/contracts';
import { detectFormat, parseCamt, parseCsv, parseOfx, parseQif, parseStatement } from './index.ts';
import { bytes, failureOf, fixture, statementOf } from './testing/helpers.ts';

describe('detectFormat', () => {
  it('tells the formats apart by their first bytes', () => {
    expect(detectFormat(fixture('ofxparse/bank_medium.ofx'))).toBe('ofx');
    expect(detectFormat(fixture('ofxparse/decimal_error.ofx'))).toBe('ofx');
    expect(detectFormat(fixture('ofxparse/ofx-v102-empty-tags.ofx'))).toBe('ofx');
    expect(detectFormat(fixture('ofxparse/suncorp.ofx'))).toBe('ofx');
    expect(detectFormat(fixture('ofxparse/anzcc.ofx'))).toBe('ofx');
    expect(detectFormat(fixture('quiffen/test.qif'))).toBe('qif');
    expect(detectFormat(fixture('camt/camt053.v2.multi.statement.xml'))).toBe('camt');
    expect(detectFormat(fixture('reckon/input.csv'))).toBe('csv');
    expect(detectFormat(bytes('<html><body><table></table></body></html>'))).toBeNull();
    expect(detectFormat(bytes('<?xml version="1.0"?><feed/>'))).toBeNull();
  });

  it('reads UTF-16 files with a byte-order mark', () => {
    const text = '\uFEFFDate;Payee;Amount\n2024-03-01;Bäckerei;-3,50\n';
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      utf16[i * 2] = text.charCodeAt(i) & 0xff;
      utf16[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    const s = statementOf(parseStatement(utf16, { currency: 'EUR' }));
    expect(s.encoding).toBe('utf-16le');
    expect(s.transactions[0]).toMatchObject({ payee: 'Bäckerei', amountMinor: -350 });
  });
});

describe('bad input', () => {
  it('refuses an empty file, and one of only white space or a byte-order mark', () => {
    for (const input of [
      new Uint8Array(0),
      bytes(' \r\n\t\n'),
      new Uint8Array([0xef, 0xbb, 0xbf]),
    ]) {
      for (const parse of [parseStatement, parseCsv, parseOfx, parseQif, parseCamt]) {
        expect(failureOf(parse(input))).toEqual({
          code: 'empty',
          message: 'The file is empty.',
          line: null,
        });
      }
    }
  });

  it('refuses input above the size cap before looking at it', () => {
    // Zero bytes would be refused as binary if anything looked at the content first.
    const tooBig = new Uint8Array(MAX_STATEMENT_BYTES + 1);
    const failure = failureOf(parseStatement(tooBig));
    expect(failure.code).toBe('tooLarge');
    expect(failure.message).toBe(
      'The file is 50 MB; files up to 50 MB can be imported. Export a shorter period from your bank.',
    );
    expect(failureOf(parseCsv(tooBig)).code).toBe('tooLarge');
    // At the cap exactly, the content is looked at (and here found to be binary).
    expect(failureOf(parseStatement(tooBig.subarray(0, MAX_STATEMENT_BYTES))).code).toBe('binary');
  });

  it('names binary files for what they are', () => {
    const pdf = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    const pdfFailure = failureOf(parseStatement(pdf));
    expect(pdfFailure.code).toBe('binary');
    expect(pdfFailure.message).toMatch(/^This is a PDF document, not a bank statement export\./);
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(failureOf(parseStatement(xlsx)).message).toMatch(/ZIP archive \(an \.xlsx/);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(failureOf(parseCsv(xls)).message).toMatch(/Excel \.xls workbook/);
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(failureOf(parseStatement(random)).code).toBe('binary');
  });

  it('refuses text that is no statement, and markup of the wrong kind, saying why', () => {
    const prose = failureOf(
      parseStatement(bytes('Dear customer,\nthank you for banking with us.\n')),
    );
    expect(prose.code).toBe('unrecognised');
    expect(prose.message).toMatch(/No column holds dates|No columns were found/);
    const html = failureOf(
      parseStatement(bytes('<!DOCTYPE html><html><body>Statement</body></html>')),
    );
    expect(html.code).toBe('unrecognised');
    expect(html.message).toMatch(/^This is a web page \(HTML\)/);
    expect(
      failureOf(parseStatement(bytes('<?xml version="1.0"?><rss><channel/></rss>'))),
    ).toMatchObject({
      code: 'unrecognised',
      message: 'This XML file is neither OFX nor a CAMT.053 statement.',
    });
    // A CSV with dates but no amounts.
    expect(failureOf(parseStatement(bytes('2024-01-01,Coffee\n2024-01-02,Tea\n'))).message).toBe(
      'Column 1 holds dates, but no column holds amounts, so this does not look like a bank statement.',
    );
    // Forcing the wrong format.
    expect(failureOf(parseStatement(fixture('reckon/chase.csv'), { format: 'camt' })).code).toBe(
      'malformed',
    );
    expect(failureOf(parseStatement(fixture('quiffen/test.qif'), { format: 'ofx' }))).toMatchObject(
      {
        code: 'malformed',
        message: 'This file has no <OFX> element, so it is not an OFX file.',
      },
    );
  });

  it('reads a formula in a CSV cell as text, exactly as written', () => {
    const csv = [
      'Date,Payee,Memo,Amount',
      `2024-05-01,"=HYPERLINK(""http://evil.example"",""click"")",@SUM(A1:A9),-12.00`,
      `2024-05-02,+cmd|' /C calc'!A0,-2+3,5.00`,
      '',
    ].join('\n');
    const s = statementOf(parseStatement(bytes(csv), { currency: 'USD' }));
    expect(s.transactions.map((t) => [t.payee, t.memo, t.amountMinor])).toEqual([
      ['=HYPERLINK("http://evil.example","click")', '@SUM(A1:A9)', -1200],
      ["+cmd|' /C calc'!A0", '-2+3', 500],
    ]);
  });

  it('refuses a CAMT file with a billion-laughs entity bomb, without expanding it', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE Document [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>&lol9;</Id></Stmt></BkToCstmrStmt></Document>`;
    const failure = failureOf(parseStatement(bytes(bomb)));
    expect(failure).toEqual({
      code: 'unsafeXml',
      message:
        'Line 2: the XML declares a document type (<!DOCTYPE> or <!ENTITY>). Outlay never expands XML entities, so it refuses such files; bank statements do not need one.',
      line: 2,
    });
  });

  it('refuses a CAMT file with an external entity (XXE), without reading it', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>&secret;</Id></Stmt></BkToCstmrStmt></Document>`;
    expect(failureOf(parseCamt(bytes(xxe))).code).toBe('unsafeXml');
    // An undeclared entity is an error of the XML, not something to look up.
    const undeclared = `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>&secret;</Id></Stmt></BkToCstmrStmt></Document>`;
    expect(failureOf(parseCamt(bytes(undeclared)))).toMatchObject({ code: 'malformed', line: 2 });
  });

  it('never expands entities in OFX either: a declared entity stays text and nothing is fetched', () => {
    const ofx = `OFXHEADER:100
DATA:OFXSGML
VERSION:102

<!DOCTYPE OFX [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollol">]>
<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>2<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240101<TRNAMT>-1.00<FITID>1<NAME>&x;&lol; &amp; Co</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const s = statementOf(parseStatement(bytes(ofx)));
    expect(s.transactions[0]?.payee).toBe('&x;&lol; & Co');
  });

  it('refuses a CAMT file that is not well-formed XML, naming the line', () => {
    const broken = `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt><Stmt><Id>1</Id></Stmt>
</Document>`;
    const failure = failureOf(parseStatement(bytes(broken)));
    expect(failure.code).toBe('malformed');
    expect(failure.line).toBe(4);
    expect(failure.message).toMatch(/^Line 4: the XML is not well formed/);
  });
});

describe('hints', () => {
  it('a CSV mapping that does not fit the file is refused with the column it names', () => {
    const mapping = statementOf(parseStatement(fixture('reckon/chase.csv'))).csv?.mapping;
    expect(mapping).toBeDefined();
    if (!mapping) return;
    const failure = failureOf(
      parseStatement(fixture('reckon/chase.csv'), { csvMapping: { ...mapping, payee: 9 } }),
    );
    expect(failure).toEqual({
      code: 'badMapping',
      message: 'The mapping uses column 10, but the rows of this file have at most 4 columns.',
      line: null,
    });
  });

  it('the currency hint sets the minor unit of files that name none', () => {
    const csv = bytes('Date,Payee,Amount\n2024-01-05,Ramen,-1200\n2024-01-06,Refund,350\n');
    const yen = statementOf(parseStatement(csv, { currency: 'JPY' }));
    expect(yen.transactions.map((t) => [t.amountMinor, t.currency])).toEqual([
      [-1200, 'JPY'],
      [350, 'JPY'],
    ]);
    const dinar = statementOf(parseStatement(csv, { currency: 'KWD' }));
    expect(dinar.transactions.map((t) => t.amountMinor)).toEqual([-1200000, 350000]);
    const unknown = statementOf(parseStatement(csv));
    expect(unknown.transactions.map((t) => [t.amountMinor, t.currency])).toEqual([
      [-120000, null],
      [35000, null],
    ]);
    expect(unknown.warnings.map((w) => w.message)).toContain(
      'The file does not say which currency its amounts are in; they were read with 2 decimal places. Choose the account (or its currency) to read them in its currency.',
    );
  });

  it('the date-order hint overrides detection; without it an undecidable file is read day-first, with a warning', () => {
    const csv = bytes('Date,Payee,Amount\n03/04/2024,A shop,-1.00\n03/04/2024,B shop,-2.00\n');
    const detected = statementOf(parseStatement(csv, { currency: 'EUR' }));
    expect(detected.transactions[0]?.date).toBe('2024-04-03');
    expect(detected.warnings[0]?.message).toBe(
      'Every date in column 1 can be read day-first or month-first; they were read as day/month/year. Set the date order if that is wrong.',
    );
    const told = statementOf(parseStatement(csv, { currency: 'EUR', dateOrder: 'mdy' }));
    expect(told.transactions[0]?.date).toBe('2024-03-04');
    expect(told.csv?.mapping.dateOrder).toBe('mdy');
    expect(told.warnings).toEqual([]);
  });

  it('invertSigns flips amounts, splits and balances, in every format', () => {
    const plain = statementOf(parseStatement(fixture('ofxparse/anzcc.ofx')));
    const flipped = statementOf(
      parseStatement(fixture('ofxparse/anzcc.ofx'), { invertSigns: true }),
    );
    expect(flipped.transactions[0]?.amountMinor).toBe(-(plain.transactions[0]?.amountMinor ?? 0));
    expect(flipped.balances.map((b) => b.amountMinor)).toEqual(
      plain.balances.map((b) => -b.amountMinor),
    );
    const qif = statementOf(parseStatement(fixture('quiffen/test.qif'), { invertSigns: true }));
    expect(qif.transactions[1]?.amountMinor).toBe(-6750);
    expect(qif.transactions[1]?.splits.map((x) => x.amountMinor)).toEqual([1500, -8250]);
    expect(qif.transactions[0]?.amountMinor).toBe(0);
    expect(Object.is(qif.transactions[0]?.amountMinor, -0)).toBe(false);
  });

  it('the encoding hint overrides detection', () => {
    const latin1 = new Uint8Array([
      ...bytes('Date;Payee;Amount\n2024-01-02;Caf'),
      0xe9,
      ...bytes(';-2,50\n'),
    ]);
    expect(statementOf(parseStatement(latin1, { currency: 'EUR' })).transactions[0]?.payee).toBe(
      'Café',
    );
    const asCyrillic = statementOf(
      parseStatement(latin1, { currency: 'EUR', encoding: 'windows-1251' }),
    );
    expect(asCyrillic.encoding).toBe('windows-1251');
    expect(asCyrillic.transactions[0]?.payee).toBe('Cafй');
  });
});

describe('limits', () => {
  it('cuts texts longer than 1000 characters, and says so', () => {
    const long = 'x'.repeat(5000);
    const s = statementOf(
      parseStatement(bytes(`Date,Payee,Amount\n2024-01-01,${long},-1.00\n`), { currency: 'EUR' }),
    );
    expect(s.transactions[0]?.payee).toHaveLength(1000);
    expect(s.transactions[0]?.payee?.endsWith('…')).toBe(true);
    expect(s.warnings.map((w) => w.message)).toContain(
      '1 text field was longer than 1000 characters and was shortened.',
    );
  });

  it('keeps at most 500 issues of each kind and counts the rest', () => {
    const good = 'Date,Payee,Amount\n2024-01-01,Real,-1.00\n';
    const csvMapping = statementOf(parseStatement(bytes(good), { currency: 'EUR' })).csv?.mapping;
    const rows = Array.from({ length: 700 }, (_, i) => `2024-01-01,Shop ${i},not money`);
    const csv = `${good}${rows.join('\n')}\n`;
    const s = statementOf(parseStatement(bytes(csv), { currency: 'EUR', csvMapping }));
    expect(s.transactions).toHaveLength(1);
    expect(s.errors).toHaveLength(501);
    expect(s.errors[0]?.message).toBe(
      'Line 3: the row was left out: column 3: "not money" is not an amount.',
    );
    expect(s.errors.at(-1)?.message).toBe('… and 200 more entries left out.');
  });
});

describe('pathological shapes', () => {
  // Each is a few hundred KB built to hit a quadratic or unbounded path if one existed; without
  // one they finish in milliseconds, with one they would run into the test timeout.
  const camt = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>';
  const shapes: [string, string, string][] = [
    ['a sea of "<" in OFX', `OFXHEADER:100\n\n<OFX>${'<'.repeat(300_000)}`, 'ok'],
    ['unterminated declarations', `<OFX>${'<!x'.repeat(100_000)}`, 'ok'],
    ['unterminated CDATA', `<OFX><NAME>${'<![CDATA['.repeat(30_000)}`, 'ok'],
    [
      'unclosed tags nested past any OFX',
      `<OFX>${'<A>'.repeat(200)}${'<B></B>'.repeat(50_000)}`,
      'malformed',
    ],
    ['one unclosed quote', `Date,Payee,Amount\n2024-01-01,"${'x'.repeat(300_000)}`, 'malformed'],
    ['rows of delimiters only', `${';'.repeat(150)}\n`.repeat(2_000), 'unrecognised'],
    ['a QIF of one endless record', `!Type:Bank\n${'PShop\n'.repeat(50_000)}`, 'ok'],
    [
      'CAMT nested past any statement',
      `${camt}${'<a>'.repeat(100)}${'<b/>'.repeat(50_000)}`,
      'malformed',
    ],
  ];
  for (const [name, text, outcome] of shapes) {
    it(`${name}: ${outcome}`, () => {
      const result = StatementParseResult.parse(parseStatement(bytes(text)));
      expect(result.ok ? 'ok' : result.error.code).toBe(outcome);
    });
  }
});
