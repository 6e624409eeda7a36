import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, readOfxTree, type OfxElement } from './ofx-tree.ts';

interface Node {
  name: string;
  value: string | null;
  children: Node[];
}

/** The tree without line numbers, for comparing. */
function shape(el: OfxElement): Node {
  return { name: el.name, value: el.value, children: el.children.map(shape) };
}

describe('readOfxTree', () => {
  it('reads unclosed SGML leaves on one line, closing them at the next tag', () => {
    const root = readOfxTree(
      '<OFX><STMTTRN><TRNTYPE>POS<TRNAMT>-6.60<NAME>A &amp; B</STMTTRN></OFX>',
    );
    expect(shape(root).children).toEqual([
      {
        name: 'OFX',
        value: null,
        children: [
          {
            name: 'STMTTRN',
            value: null,
            children: [
              { name: 'TRNTYPE', value: 'POS', children: [] },
              { name: 'TRNAMT', value: '-6.60', children: [] },
              { name: 'NAME', value: 'A & B', children: [] },
            ],
          },
        ],
      },
    ]);
  });

  it('closes a transaction whose end tag is missing when the next one starts', () => {
    const root = readOfxTree(
      '<BANKTRANLIST>\n<STMTTRN><FITID>1\n<STMTTRN><FITID>2\n</BANKTRANLIST>',
    );
    const list = root.children[0];
    expect(list?.children.map((c) => [c.name, c.children[0]?.value, c.line])).toEqual([
      ['STMTTRN', '1', 2],
      ['STMTTRN', '2', 3],
    ]);
  });

  it('hands back what an unclosed empty leaf swallowed to its parent', () => {
    const root = readOfxTree('<STMTTRN><NAME>\n<MEMO>x</STMTTRN>');
    expect(shape(root).children[0]?.children).toEqual([
      { name: 'NAME', value: '', children: [] },
      { name: 'MEMO', value: 'x', children: [] },
    ]);
  });

  it('takes CDATA as written and decodes entities elsewhere', () => {
    const root = readOfxTree(
      '<NAME><![CDATA[A &amp; B <x> ]]></NAME><MEMO>&lt;&#39;&#x41;&nbsp;&bogus;</MEMO>',
    );
    expect(root.children.map((c) => c.value)).toEqual(['A &amp; B <x>', "<'A\u00a0&bogus;"]);
  });

  it('skips comments, processing instructions and document type declarations', () => {
    const root = readOfxTree(
      '<?xml version="1.0"?><!-- a <NAME>comment</NAME> --><!DOCTYPE OFX [<!ENTITY x "y">]><OFX><CODE>0</OFX>',
    );
    expect(shape(root).children).toEqual([
      { name: 'OFX', value: null, children: [{ name: 'CODE', value: '0', children: [] }] },
    ]);
  });

  it('reads a lone "<" inside a value as text, and ignores end tags with nothing to close', () => {
    const root = readOfxTree('<OFX><NAME>a < b</OFX></FOO>');
    expect(root.children[0]?.children[0]?.value).toBe('a < b');
  });

  it('refuses nesting deeper than any OFX file has', () => {
    expect(() => readOfxTree('<A>'.repeat(500))).toThrow(/nested more than 100 deep/);
  });

  it('reads the same tree from SGML, XML and mixed writings of it (property)', () => {
    const AGGREGATES = [
      'OFX',
      'BANKMSGSRSV1',
      'STMTTRNRS',
      'STMTRS',
      'BANKTRANLIST',
      'STMTTRN',
      'PAYEE',
    ];
    const LEAVES = ['NAME', 'MEMO', 'TRNAMT', 'FITID', 'INTU.BID', 'DTPOSTED', 'CURDEF'];
    const value = fc
      .string({ unit: fc.constantFrom(...'ab cD09.,-&<>\'"'.split('')), maxLength: 12 })
      .map((v) => v.trim());
    const leaf: fc.Arbitrary<Node> = fc.record({
      name: fc.constantFrom(...LEAVES),
      value,
      children: fc.constant([]),
    });
    const level = (depth: number): fc.Arbitrary<Node> =>
      depth >= AGGREGATES.length
        ? leaf
        : fc.record({
            name: fc.constant(AGGREGATES[depth] ?? 'OFX'),
            value: fc.constant(null),
            children: fc.array(fc.oneof(leaf, level(depth + 1)), { maxLength: 4 }),
          });
    const style = fc.record({
      closeLeaves: fc.constantFrom('always', 'never', 'mixed'),
      separator: fc.constantFrom('', '\n', '\r\n', '\n   '),
      lowerCase: fc.boolean(),
    });
    const escape = (v: string) =>
      v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

    fc.assert(
      fc.property(level(0), style, fc.infiniteStream(fc.boolean()), (tree, s, coin) => {
        const tag = (n: string) => (s.lowerCase ? n.toLowerCase() : n);
        const write = (node: Node): string => {
          if (node.value !== null) {
            const open = `<${tag(node.name)}>${escape(node.value)}`;
            const close =
              node.value === '' ||
              s.closeLeaves === 'always' ||
              (s.closeLeaves === 'mixed' && coin.next().value === true);
            return open + (close ? `</${tag(node.name)}>` : '') + s.separator;
          }
          return `<${tag(node.name)}>${s.separator}${node.children.map(write).join('')}</${tag(node.name)}>${s.separator}`;
        };
        const root = readOfxTree(write(tree));
        expect(root.children.map(shape)).toEqual([tree]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeEntities', () => {
  it('decodes the XML and common HTML entities and numeric references, and leaves the rest', () => {
    expect(
      decodeEntities('AT&amp;T &quot;x&quot; &apos;y&#39; &#8364; &#x20AC; &copy; &#xD800; &'),
    ).toBe('AT&T "x" \'y\' € € &copy; &#xD800; &');
  });
});
