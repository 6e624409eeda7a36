/**
 * A tolerant reader for OFX bodies: 1.x SGML, 2.x XML and the hybrids banks send (an XML header
 * over unclosed SGML leaves, closed leaves with missing aggregate ends, everything on one line).
 * There is no maintained OFX library worth the name, and a conforming XML parser refuses the
 * hybrids, so this is a small hand-written tokeniser plus tree builder, property-tested.
 *
 * Rules:
 * - Tag names are case-insensitive (kept upper case). Attributes are ignored.
 * - A start tag followed by text is a leaf whose value is that text, trimmed; its end tag is
 *   optional. `<TAG></TAG>` and `<TAG/>` are empty leaves.
 * - An element left open when an enclosing element closes was an empty leaf if it is not a known
 *   aggregate: its would-be children are handed back to its parent.
 * - A known aggregate that starts while one of the same name is open closes the open one first
 *   (a missing `</STMTTRN>` between two transactions), and the aggregates of `PARENTS` close
 *   whatever stands between them and their parent.
 * - Text is entity-decoded (`&amp;`, `&lt;`, `&#39;`, `&#x27;`, `&nbsp;` …); CDATA is taken as is.
 *   Comments, processing instructions and `<!DOCTYPE …>` are skipped. Entities are never declared
 *   or expanded, so nothing can reach outside the file or grow it.
 */

import { StatementError } from '../failure.ts';

export interface OfxElement {
  name: string;
  /** 1-based line of the start tag. */
  line: number;
  /** The text of a leaf (trimmed, possibly empty); null for an aggregate. */
  value: string | null;
  children: OfxElement[];
}

/** Aggregates of the OFX banking, card, signon and investment messages (never leaves). */
export const OFX_AGGREGATES = new Set([
  'OFX',
  'SIGNONMSGSRSV1',
  'SIGNONMSGSRQV1',
  'SONRS',
  'SONRQ',
  'STATUS',
  'FI',
  'MFACHALLENGERS',
  'BANKMSGSRSV1',
  'BANKMSGSRQV1',
  'STMTTRNRS',
  'STMTTRNRQ',
  'STMTRS',
  'STMTRQ',
  'STMTENDTRNRS',
  'STMTENDRS',
  'BANKACCTFROM',
  'BANKACCTTO',
  'CCACCTFROM',
  'CCACCTTO',
  'EXTBANKACCTTO',
  'INVACCTFROM',
  'LOANACCTFROM',
  'BANKTRANLIST',
  'STMTTRN',
  'LEDGERBAL',
  'AVAILBAL',
  'BALLIST',
  'BAL',
  'PAYEE',
  'CURRENCY',
  'ORIGCURRENCY',
  'IMAGEDATA',
  'CREDITCARDMSGSRSV1',
  'CREDITCARDMSGSRQV1',
  'CCSTMTTRNRS',
  'CCSTMTTRNRQ',
  'CCSTMTRS',
  'CCSTMTRQ',
  'CCSTMTENDTRNRS',
  'CCSTMTENDRS',
  'INVSTMTMSGSRSV1',
  'INVSTMTTRNRS',
  'INVSTMTRS',
  'INVTRANLIST',
  'INVPOSLIST',
  'INVBAL',
  'INVBANKTRAN',
  'SECLISTMSGSRSV1',
  'SECLIST',
  'SIGNUPMSGSRSV1',
  'ACCTINFOTRNRS',
  'ACCTINFORS',
  'ACCTINFO',
  'BANKACCTINFO',
  'CCACCTINFO',
  'INVACCTINFO',
  'PROFMSGSRSV1',
  'MSGSETLIST',
]);

/**
 * Where some aggregates may stand. An element starting while something else is open closes what
 * is open down to its parent, as an SGML parser with the OFX DTD would: a `<LEDGERBAL>` after an
 * unclosed `<BANKTRANLIST>` belongs to the statement, not to the list.
 */
const PARENTS: Record<string, readonly string[]> = {
  SIGNONMSGSRSV1: ['OFX'],
  BANKMSGSRSV1: ['OFX'],
  CREDITCARDMSGSRSV1: ['OFX'],
  INVSTMTMSGSRSV1: ['OFX'],
  STMTTRNRS: ['BANKMSGSRSV1'],
  CCSTMTTRNRS: ['CREDITCARDMSGSRSV1'],
  STMTRS: ['STMTTRNRS'],
  CCSTMTRS: ['CCSTMTTRNRS'],
  BANKTRANLIST: ['STMTRS', 'CCSTMTRS', 'INVSTMTRS'],
  STMTTRN: ['BANKTRANLIST', 'INVBANKTRAN'],
  LEDGERBAL: ['STMTRS', 'CCSTMTRS'],
  AVAILBAL: ['STMTRS', 'CCSTMTRS'],
  BALLIST: ['STMTRS', 'CCSTMTRS', 'INVSTMTRS'],
};

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

interface Open {
  element: OfxElement;
  text: string;
  /** Did non-whitespace text arrive before any child? */
  hasText: boolean;
}

/** Shared by every element without children until it gets one (most elements are leaves). */
const NO_CHILDREN: OfxElement[] = [];

function adopt(parent: OfxElement, child: OfxElement): void {
  if (parent.children === NO_CHILDREN) parent.children = [child];
  else parent.children.push(child);
}

/** OFX nests a handful of levels; a bound keeps hostile input from exhausting the stack. */
const MAX_DEPTH = 100;

const upperCase = new Map<string, string>();

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 58 || c === 45;
}

export type OfxCloseHandler = (
  element: OfxElement,
  open: readonly { element: OfxElement }[],
) => 'keep' | 'drop';

/**
 * Builds the element tree of an OFX body (everything from the first `<` on). `onClose` sees each
 * element as it ends, with the elements still open around it, and may drop it from the tree: the
 * OFX reader consumes transactions that way, so a large file is never held as one tree.
 */
export function readOfxTree(text: string, firstLine = 1, onClose?: OfxCloseHandler): OfxElement {
  const root: OfxElement = { name: '#root', line: firstLine, value: null, children: NO_CHILDREN };
  const stack: Open[] = [{ element: root, text: '', hasText: false }];
  let line = firstLine;
  let pos = 0;

  let nextNewline = text.indexOf('\n');
  const advanceTo = (to: number) => {
    while (nextNewline !== -1 && nextNewline < to) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    pos = to;
  };
  const top = () => stack[stack.length - 1] as Open;

  /** Text matters only inside leaves (and unknown elements): aggregates ignore theirs. */
  const wantsText = () => {
    const t = top();
    return t.element !== root && !OFX_AGGREGATES.has(t.element.name);
  };

  const appendText = (value: string) => {
    const t = top();
    t.text += value;
    if (!t.hasText && t.element.children.length === 0 && value.trim() !== '') t.hasText = true;
  };

  /** Closes the element on top of the stack; `explicit` when its own end tag closed it. */
  const closeTop = (explicit: boolean) => {
    const open = stack.pop() as Open;
    const el = open.element;
    const parent = top().element;
    if (el.children.length === 0) {
      el.value = OFX_AGGREGATES.has(el.name) && !open.hasText ? null : open.text.trim();
    } else if (!explicit && !OFX_AGGREGATES.has(el.name)) {
      // An unclosed tag that swallowed what followed it was an empty leaf.
      const hoisted = el.children;
      el.children = NO_CHILDREN;
      el.value = open.hasText ? open.text.trim() : '';
      for (const child of hoisted) adopt(parent, child);
    }
    if (onClose && onClose(el, stack) === 'drop') {
      const siblings = parent.children;
      if (siblings[siblings.length - 1] === el) siblings.pop();
    }
  };

  /** A leaf whose text has arrived ends when anything else starts or ends. */
  const settleLeaf = () => {
    const t = top();
    if (t.element !== root && t.hasText && t.element.children.length === 0) closeTop(false);
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      if (wantsText()) appendText(decodeEntities(text.slice(pos)));
      advanceTo(text.length);
      break;
    }
    if (lt > pos && wantsText()) appendText(decodeEntities(text.slice(pos, lt)));
    advanceTo(lt);
    const next = text.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (wantsText()) appendText(text.slice(lt + 9, end === -1 ? text.length : end));
        advanceTo(end === -1 ? text.length : end + 3);
        continue;
      }
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        advanceTo(end === -1 ? text.length : end + 3);
        continue;
      }
      if (next === 63) {
        const end = text.indexOf('>', lt + 2);
        advanceTo(end === -1 ? text.length : end + 1);
        continue;
      }
      // A declaration such as <!DOCTYPE …>, possibly with an internal subset in brackets.
      let end = lt + 2;
      while (end < text.length && text[end] !== '>' && text[end] !== '[') end++;
      if (text[end] === '[') {
        end = text.indexOf(']', end);
        end = end === -1 ? -1 : text.indexOf('>', end);
      }
      advanceTo(end === -1 || end >= text.length ? text.length : end + 1);
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = lt + (closing ? 2 : 1);
    let nameEnd = nameStart;
    if (isNameStart(text.charCodeAt(nameStart))) {
      nameEnd++;
      while (nameEnd - nameStart < 64 && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    }
    // The tag ends at the next ">", unless another "<" comes first (then this "<" was text).
    let gt = nameEnd;
    while (gt < text.length && text[gt] !== '>' && text[gt] !== '<') gt++;
    if (nameEnd === nameStart || text[gt] !== '>') {
      // A lone "<" in a value.
      if (wantsText()) appendText('<');
      advanceTo(lt + 1);
      continue;
    }
    const raw = text.slice(nameStart, nameEnd);
    let name = upperCase.get(raw);
    if (name === undefined) {
      name = raw.toUpperCase();
      if (upperCase.size < 1000) upperCase.set(raw, name);
    }
    const selfClosing = !closing && text[gt - 1] === '/';
    advanceTo(gt + 1);
    if (closing) {
      let depth = -1;
      for (let i = stack.length - 1; i > 0; i--) {
        if (stack[i]?.element.name === name) {
          depth = i;
          break;
        }
      }
      if (depth === -1) continue; // an end tag with nothing to close: ignore it
      while (stack.length - 1 > depth) closeTop(false);
      closeTop(true);
      continue;
    }
    settleLeaf();
    if (OFX_AGGREGATES.has(name) && stack.some((o) => o.element.name === name)) {
      while (top().element.name !== name) closeTop(false);
      closeTop(false);
    }
    const parents = PARENTS[name];
    if (parents && stack.some((o) => parents.includes(o.element.name))) {
      while (!parents.includes(top().element.name)) closeTop(false);
    }
    const element: OfxElement = { name, line, value: null, children: NO_CHILDREN };
    adopt(top().element, element);
    if (selfClosing) {
      element.value = '';
      continue;
    }
    if (stack.length > MAX_DEPTH) {
      throw new StatementError(
        'malformed',
        `Line ${line}: elements are nested more than ${MAX_DEPTH} deep, which no OFX file does.`,
        line,
      );
    }
    stack.push({ element, text: '', hasText: false });
  }
  while (stack.length > 1) closeTop(false);
  return root;
}

/** All elements with one of the names, in document order, not looking inside matches. */
export function findAll(root: OfxElement, names: ReadonlySet<string>): OfxElement[] {
  const out: OfxElement[] = [];
  const walk = (el: OfxElement) => {
    for (const child of el.children) {
      if (names.has(child.name)) out.push(child);
      else walk(child);
    }
  };
  walk(root);
  return out;
}

/** The first descendant with the name (children first, then deeper), or null. */
export function find(el: OfxElement, name: string, skip?: ReadonlySet<string>): OfxElement | null {
  for (const child of el.children) if (child.name === name) return child;
  for (const child of el.children) {
    if (skip?.has(child.name)) continue;
    const found = find(child, name, skip);
    if (found) return found;
  }
  return null;
}
