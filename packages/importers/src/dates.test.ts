import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDateOrder, monthNumber, parseDate } from './dates.ts';
import { dateArb } from './testing/writers.ts';

describe('parseDate', () => {
  it('reads every form banks write, as the calendar date written', () => {
    const cases: [string, 'dmy' | 'mdy' | 'ymd', string][] = [
      ['2020-02-14', 'dmy', '2020-02-14'],
      ['2020/02/14', 'mdy', '2020-02-14'],
      ['2020.2.4', 'dmy', '2020-02-04'],
      ['2019-12-27T23:59:59-05:00', 'dmy', '2019-12-27'],
      ['2019-12-27 19:33:49', 'dmy', '2019-12-27'],
      ['20200214', 'dmy', '2020-02-14'],
      ['20090401122017.000[-5:EST]', 'ymd', '2009-04-01'],
      ['20091224120000[0:GMT]', 'dmy', '2009-12-24'],
      ['20180804093914:014', 'ymd', '2018-08-04'],
      ['14/02/2020', 'dmy', '2020-02-14'],
      ['2/14/2020', 'mdy', '2020-02-14'],
      ['14.02.20', 'dmy', '2020-02-14'],
      ['14-02-2020', 'dmy', '2020-02-14'],
      ["2/14'2020", 'mdy', '2020-02-14'],
      ["1/ 1'00", 'mdy', '2000-01-01'],
      ["12/31' 5", 'mdy', '2005-12-31'],
      ['12/19/18', 'mdy', '2018-12-19'],
      ['1/2/75', 'dmy', '1975-02-01'],
      ['07 Nov 2013', 'mdy', '2013-11-07'],
      ['7-Nov-13', 'dmy', '2013-11-07'],
      ['Nov 7, 2013', 'dmy', '2013-11-07'],
      ['7. März 2021', 'dmy', '2021-03-07'],
      ['3 févr. 2022', 'dmy', '2022-02-03'],
      ['12 okt 2022', 'dmy', '2022-10-12'],
      ['12/27/2019 7:33 PM', 'mdy', '2019-12-27'],
      ['15112012', 'dmy', '2012-11-15'],
    ];
    for (const [text, order, iso] of cases) {
      expect(parseDate(text, order), text).toEqual({ ok: true, date: iso });
    }
  });

  it('says why a date cannot be read', () => {
    expect(parseDate('201120000000', 'ymd')).toEqual({
      ok: false,
      reason: '"201120000000" is not a date (there is no month 20)',
    });
    expect(parseDate('2023-02-29', 'ymd')).toEqual({
      ok: false,
      reason: '"2023-02-29" is not a date (2023-02-29 does not exist)',
    });
    expect(parseDate('1899-12-31', 'ymd')).toEqual({
      ok: false,
      reason: '"1899-12-31" is outside the dates Outlay accepts (1900-01-01 to 2100-12-31)',
    });
    expect(parseDate('', 'dmy')).toEqual({ ok: false, reason: 'the date is empty' });
    expect(parseDate('yesterday', 'dmy')).toEqual({
      ok: false,
      reason: '"yesterday" is not a date',
    });
    expect(parseDate('13/13/2020', 'dmy').ok).toBe(false);
    expect(parseDate('Jux 3, 2020', 'dmy').ok).toBe(false);
  });

  it('reads a generated date back in each written form (property)', () => {
    fc.assert(
      fc.property(dateArb, (iso) => {
        const [y, m, d] = iso.split('-');
        expect(parseDate(iso, 'dmy')).toEqual({ ok: true, date: iso });
        expect(parseDate(`${d}.${m}.${y}`, 'dmy')).toEqual({ ok: true, date: iso });
        expect(parseDate(`${Number(m)}/${Number(d)}/${y}`, 'mdy')).toEqual({ ok: true, date: iso });
        expect(parseDate(`${Number(m)}/${Number(d)}'${y}`, 'mdy')).toEqual({ ok: true, date: iso });
        expect(parseDate(`${y}${m}${d}120000.000[-8:PST]`, 'ymd')).toEqual({ ok: true, date: iso });
      }),
    );
  });
});

describe('monthNumber', () => {
  it('knows names and unambiguous abbreviations in several languages', () => {
    expect(monthNumber('Nov')).toBe(11);
    expect(monthNumber('MÄRZ')).toBe(3);
    expect(monthNumber('mrt')).toBe(3);
    expect(monthNumber('août')).toBe(8);
    expect(monthNumber('dic')).toBe(12);
    expect(monthNumber('sept.')).toBe(9);
    // "jui" could be juin or juillet.
    expect(monthNumber('jui')).toBeNull();
    expect(monthNumber('ma')).toBeNull();
  });
});

describe('detectDateOrder', () => {
  it('settles day-first against month-first by scanning every value, not just the first', () => {
    const values = [
      '01/02/2020',
      '03/04/2020',
      '05/06/2020',
      '07/08/2020',
      '09/10/2020',
      '11/25/2020',
    ];
    expect(detectDateOrder(values)).toEqual({ order: 'mdy', parsed: 6, ambiguous: false });
    expect(detectDateOrder(values.map((v) => v.replace('11/25', '25/11')))).toMatchObject({
      order: 'dmy',
      ambiguous: false,
    });
  });

  it('prefers the order that keeps the rows in sequence, then the fallback, marked ambiguous', () => {
    // Day-first these run 2 Jan … 2 Apr; month-first they jump about.
    expect(detectDateOrder(['02/01/2020', '02/02/2020', '02/03/2020', '01/04/2020'])).toMatchObject(
      {
        order: 'dmy',
        ambiguous: false,
      },
    );
    expect(detectDateOrder(['03/04/2020', '03/04/2020'])).toEqual({
      order: 'dmy',
      parsed: 2,
      ambiguous: true,
    });
    expect(detectDateOrder(['03/04/2020', '03/04/2020'], 'mdy')).toMatchObject({
      order: 'mdy',
      ambiguous: true,
    });
    expect(detectDateOrder(['03.04.2020', '03.04.2020'], 'mdy')).toMatchObject({
      order: 'dmy',
      ambiguous: false,
    });
  });

  it('calls ISO, compact and month-name dates year-first and unambiguous', () => {
    expect(detectDateOrder(['2020-01-02', '20200103', '07 Nov 2013'])).toEqual({
      order: 'ymd',
      parsed: 3,
      ambiguous: false,
    });
  });
});
