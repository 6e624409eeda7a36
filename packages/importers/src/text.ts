/**
 * Bytes → text. Banks write UTF-8 (with or without a byte-order mark), Windows-1252 / Latin-1 and
 * now and then UTF-16 or a regional code page. The rule, in order:
 *
 * 1. the caller's `encoding` hint;
 * 2. a byte-order mark (UTF-8, UTF-16 LE/BE);
 * 3. UTF-16 without a mark, recognised by its zero bytes;
 * 4. valid UTF-8 (a Windows-1252 file that happens to be valid UTF-8 with non-ASCII bytes is
 *    vanishingly rare, while OFX files that declare `CHARSET:1252` but hold UTF-8 are common);
 * 5. the encoding the file declares (OFX header, XML declaration);
 * 6. `chardet`'s best guess among the encodings `TextDecoder` can read;
 * 7. Windows-1252 (which is also how the WHATWG Encoding Standard reads "ISO-8859-1").
 *
 * Decoding uses the platform's `TextDecoder` only, so it works the same in Node and browsers.
 */
import { analyse } from 'chardet';
import { TextEncoding } from '@outlay/contracts';
import { StatementError } from './failure.ts';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** chardet's names → the WHATWG names `TextDecoder` takes (those it cannot read are absent). */
const CHARDET_NAMES: Record<string, TextEncoding> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8',
  'ISO-8859-9': 'windows-1254',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
  'KOI8-R': 'koi8-r',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'ISO-2022-JP': 'iso-2022-jp',
  'EUC-KR': 'euc-kr',
  GB18030: 'gb18030',
  Big5: 'big5',
};

/** Labels files declare (OFX `CHARSET`/`ENCODING`, XML `encoding`) → a readable encoding. */
export function declaredEncoding(label: string | null | undefined): TextEncoding | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (l === 'utf-8' || l === 'utf8') return 'utf-8';
  if (l === '1252' || l === 'iso-8859-1' || l === 'latin1' || l === 'latin-1') {
    return 'windows-1252';
  }
  if (/^(windows-|cp)?125[0-6]$/.test(l)) {
    return TextEncoding.safeParse(`windows-${l.slice(-4)}`).data ?? null;
  }
  return TextEncoding.safeParse(l).data ?? null;
}

function decoder(encoding: TextEncoding, fatal = false) {
  return new TextDecoder(encoding, { fatal });
}

/**
 * Windows-1252's 0x80–0x9F (€, ‚, „, …, ‘, ’, “, ”, –, —, ™, œ, Ÿ …), per the WHATWG index.
 * Node 20's `TextDecoder('windows-1252')` decodes those bytes as ISO-8859-1 control characters
 * (browsers follow the standard), so they are mapped here; the five bytes the standard leaves
 * unassigned stay as they are.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decode(bytes: Uint8Array, encoding: TextEncoding): string {
  const text = decoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** The text, when the bytes are valid UTF-8 (one native pass that both checks and decodes). */
function asUtf8(bytes: Uint8Array): string | null {
  try {
    return decoder('utf-8', true).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a byte-order mark: most code units of Latin text have a zero high byte. */
function utf16WithoutBom(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const units = n / 2;
  if (oddZero / units > 0.9 && evenZero === 0) return 'utf-16le';
  if (evenZero / units > 0.9 && oddZero === 0) return 'utf-16be';
  return null;
}

/** Up to 64 KB of the bytes around non-ASCII ones: what chardet needs, without reading 50 MB. */
function sampleForDetection(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= 65_536) return bytes;
  const parts: Uint8Array[] = [];
  let taken = 0;
  for (let i = 0; i < bytes.length && taken < 65_536; i++) {
    if ((bytes[i] ?? 0) >= 0x80) {
      const part = bytes.subarray(Math.max(0, i - 64), Math.min(bytes.length, i + 64));
      parts.push(part);
      taken += part.length;
      i += 64;
    }
  }
  const out = new Uint8Array(taken);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function guessEncoding(bytes: Uint8Array): TextEncoding {
  for (const match of analyse(sampleForDetection(bytes))) {
    const name = CHARDET_NAMES[match.name];
    // UTF-8 and UTF-16 were ruled out already; only a confident guess beats Windows-1252.
    if (name && name !== 'utf-8' && !name.startsWith('utf-16') && match.confidence >= 50) {
      return name;
    }
  }
  return 'windows-1252';
}

type Detection = { encoding: TextEncoding; text?: string };

function detect(
  bytes: Uint8Array,
  options: { hint?: TextEncoding | undefined; declared?: TextEncoding | null },
): Detection {
  if (options.hint) return { encoding: options.hint };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16 };
  const text = asUtf8(bytes);
  if (text !== null) return { encoding: 'utf-8', text };
  if (options.declared && options.declared !== 'utf-8') return { encoding: options.declared };
  return { encoding: guessEncoding(bytes) };
}

export function detectEncoding(
  bytes: Uint8Array,
  options: { hint?: TextEncoding | undefined; declared?: TextEncoding | null } = {},
): TextEncoding {
  return detect(bytes, options).encoding;
}

/** Decodes with the detected encoding; a byte-order mark is dropped. */
export function decodeText(
  bytes: Uint8Array,
  options: { hint?: TextEncoding | undefined; declared?: TextEncoding | null } = {},
): DecodedText {
  const found = detect(bytes, options);
  return { text: found.text ?? decode(bytes, found.encoding), encoding: found.encoding };
}

const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an .xlsx or .ods spreadsheet is one)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Excel .xls workbook'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
];

/**
 * Refuses files that are not text: known binary formats by their first bytes, otherwise NUL bytes
 * or control characters in the first 8 KB (UTF-16 is recognised before and is text).
 */
export function refuseBinary(bytes: Uint8Array): void {
  for (const [magic, what] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) {
      throw new StatementError(
        'binary',
        `This is ${what}, not a bank statement export. Download the statement from your bank as CSV, OFX/QFX, QIF or CAMT.053.`,
      );
    }
  }
  const isUtf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    utf16WithoutBom(bytes) !== null;
  if (isUtf16) return;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) {
      throw new StatementError(
        'binary',
        'This is a binary file (it contains zero bytes), not a text export of a bank statement.',
      );
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  if (control > 0 && control / n > 0.02) {
    throw new StatementError(
      'binary',
      'This is a binary file (it is full of control characters), not a text export of a bank statement.',
    );
  }
}

/** 1-based line number of a character offset, from a sorted list of newline offsets. */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i);
  return (offset) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
