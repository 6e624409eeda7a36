/**
 * Safe XML for CAMT: `saxes` (a maintained, conforming, streaming parser) builds a small element
 * tree. A document type declaration is refused before parsing and again if the parser meets one,
 * so no entity is ever declared: no external entity is fetched (XXE) and nothing can expand into
 * gigabytes (billion laughs). Only the five predefined entities and character references are read.
 *
 * `onClose` lets the caller consume large repeated elements (CAMT's `Ntry`) as they end and drop
 * them, so a 50 MB statement never sits in memory as one tree.
 */
import { SaxesParser } from 'saxes';
import { StatementError } from '../failure.ts';

export interface XmlElement {
  /** Local name (namespace prefix removed). */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

/** Refuses a document type declaration or entity declaration anywhere in the text. */
export function refuseDoctype(text: string): void {
  const at = text.search(/<!DOCTYPE|<!ENTITY/i);
  if (at === -1) return;
  const line = text.slice(0, at).split('\n').length;
  throw new StatementError(
    'unsafeXml',
    `Line ${line}: the XML declares a document type (<!DOCTYPE> or <!ENTITY>). Outlay never expands XML entities, so it refuses such files; bank statements do not need one.`,
    line,
  );
}

const MAX_DEPTH = 64;

export function readXml(
  text: string,
  onClose?: (element: XmlElement, ancestors: readonly XmlElement[]) => 'keep' | 'drop',
): XmlElement {
  refuseDoctype(text);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '', line: 1 };
  const stack: XmlElement[] = [root];
  parser.on('error', (error) => {
    const line = parser.line > 0 ? parser.line : null;
    const detail = error.message.replace(/^\d+:\d+:\s*/, '');
    throw new StatementError(
      'malformed',
      `${line ? `Line ${line}: ` : ''}the XML is not well formed (${detail}).`,
      line,
    );
  });
  parser.on('doctype', () => {
    throw new StatementError(
      'unsafeXml',
      `Line ${parser.line}: the XML declares a document type; Outlay never expands XML entities, so it refuses such files.`,
      parser.line,
    );
  });
  parser.on('opentag', (tag) => {
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    const attributes: Record<string, string> = { ...tag.attributes };
    const element: XmlElement = { name, attributes, children: [], text: '', line: parser.line };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
    if (stack.length > MAX_DEPTH) {
      throw new StatementError(
        'malformed',
        `Line ${parser.line}: elements are nested more than ${MAX_DEPTH} deep, which no bank statement does.`,
        parser.line,
      );
    }
  });
  const addText = (chunk: string) => {
    const top = stack[stack.length - 1];
    if (top && top !== root) top.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const element = stack.pop();
    const parent = stack[stack.length - 1];
    if (!element || !parent || !onClose) return;
    if (onClose(element, stack) === 'drop') parent.children.pop();
  });
  parser.write(text).close();
  return root;
}

/** The first child with the local name, or null. */
export function child(el: XmlElement | null | undefined, name: string): XmlElement | null {
  if (!el) return null;
  for (const c of el.children) if (c.name === name) return c;
  return null;
}

/** Follows a path of child names. */
export function path(el: XmlElement | null | undefined, ...names: string[]): XmlElement | null {
  let at: XmlElement | null = el ?? null;
  for (const n of names) at = child(at, n);
  return at;
}

export function children(el: XmlElement | null | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of the element at the path, or null when absent or blank. */
export function textAt(el: XmlElement | null | undefined, ...names: string[]): string | null {
  const t = path(el, ...names)?.text.trim();
  return t ? t : null;
}
