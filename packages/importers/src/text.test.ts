import { describe, expect, it } from 'vitest';
import { StatementError } from './failure.ts';
import { decodeText, detectEncoding, lineIndex, refuseBinary } from './text.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const HIGH: Record<string, number> = {
  '€': 0x80,
  '–': 0x96,
  '“': 0x93,
  '”': 0x94,
  '™': 0x99,
  œ: 0x9c,
};
/** Windows-1252 bytes of a string of Latin-1 characters and a few of 0x80–0x9F. */
const cp1252 = (s: string) => new Uint8Array([...s].map((c) => HIGH[c] ?? c.charCodeAt(0)));

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(enc('\uFEFFCafé;€'))).toEqual({ text: 'Café;€', encoding: 'utf-8' });
    expect(decodeText(enc('Café;€'))).toEqual({ text: 'Café;€', encoding: 'utf-8' });
  });

  it('reads Windows-1252 and Latin-1 text that is not valid UTF-8', () => {
    const german = cp1252(
      'Datum;Empfänger;Betrag\n01.02.2024;Bäckerei Müller;-3,50 €\n02.02.2024;Überweisung;12,00\n',
    );
    const decoded = decodeText(german);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Bäckerei Müller;-3,50 €');
    expect(decoded.text).toContain('Überweisung');
    const french = cp1252('Date;Libellé;Montant\n01/02/2024;Prélèvement société générale;-12,00\n');
    expect(decodeText(french).text).toContain('Prélèvement société générale');
  });

  it('maps Windows-1252 bytes 0x80–0x9F to their characters, not to control codes', () => {
    const text = 'Datum;Empfänger;Betrag\n01.02.2024;“Bäckerei” – Œuvre™ cœur;-3,50 €\n';
    const decoded = decodeText(cp1252(text.replace('Œ', 'O')));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe(text.replace('Œ', 'O'));
  });

  it('uses the declared encoding only when the bytes are not UTF-8', () => {
    expect(detectEncoding(enc('Café'), { declared: 'windows-1252' })).toBe('utf-8');
    expect(detectEncoding(cp1252('Café'), { declared: 'windows-1250' })).toBe('windows-1250');
    expect(detectEncoding(enc('Café'), { hint: 'windows-1252' })).toBe('windows-1252');
  });

  it('reads UTF-16 with a byte-order mark, and little-endian UTF-16 without one', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]);
    expect(decodeText(le)).toEqual({ text: 'Aé', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9]);
    expect(decodeText(be)).toEqual({ text: 'Aé', encoding: 'utf-16be' });
    const bare = new Uint8Array([...'Date,Amount'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeText(bare)).toEqual({ text: 'Date,Amount', encoding: 'utf-16le' });
  });
});

describe('refuseBinary', () => {
  const refusal = (input: Uint8Array) => {
    try {
      refuseBinary(input);
      return null;
    } catch (error) {
      if (error instanceof StatementError) return error.code;
      throw error;
    }
  };

  it('lets text through, UTF-16 included', () => {
    expect(refusal(enc('a,b\n1,2\n'))).toBeNull();
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBeNull();
    expect(refusal(new Uint8Array([0x41, 0x00, 0x42, 0x00, 0x43, 0x00]))).toBeNull();
  });

  it('refuses zero bytes, control characters and known binary formats', () => {
    expect(refusal(new Uint8Array([0x41, 0x00, 0x00, 0x42]))).toBe('binary');
    expect(refusal(new Uint8Array(100).fill(0x07))).toBe('binary');
    expect(refusal(enc('%PDF-1.4'))).toBe('binary');
    expect(refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('binary');
  });
});

describe('lineIndex', () => {
  it('gives the 1-based line of an offset', () => {
    const line = lineIndex('ab\ncd\n\nef');
    expect([0, 2, 3, 6, 7, 8].map(line)).toEqual([1, 1, 2, 3, 4, 4]);
  });
});
