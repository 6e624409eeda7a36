import { appRouter } from '@outlay/api';
import { MAX_DATE, MIN_DATE } from '@outlay/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  callProcedure,
  registerAccount,
  startTestServer,
  STRONG_PASSWORD,
  type TestServer,
} from './testing.ts';

// Every procedure of the router, found by walking it (so a new procedure is fuzzed the day it
// lands), called over HTTP with inputs built from its own input schema, every date, range, text,
// number and id taken from the edges of its domain: the first and last allowed day and one
// beyond, leap days that are and are not, years 0000 and 9999, NUL and the other control
// characters, lengths at and over the limit. No answer may be a 500, and each must come within
// a generous bound (a hang detector, not a speed target). Runs on PGlite and on PostgreSQL.
const ANSWER_WITHIN_MS = 20_000;
const RUNS_PER_PROCEDURE = 100;

const DATES = [
  MIN_DATE,
  MAX_DATE,
  '1899-12-31',
  '2101-01-01',
  '1900-01-02',
  '2100-12-30',
  '2024-02-29',
  '2000-02-29',
  '2096-02-29',
  '1900-02-29', // not a leap year
  '2100-02-29', // not a leap year
  '2023-02-29',
  '2026-12-31',
  '2027-01-01',
  '0000-01-01',
  '0001-01-01',
  '0999-12-31',
  '9999-12-31',
  '+010000-01-01',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '2026-1-1',
  '',
];
/** Pairs for an object's `from`/`to`: whole domain, single days at both ends, reversed. */
const RANGES: [string | undefined, string | undefined][] = [
  [MIN_DATE, MAX_DATE],
  [MIN_DATE, MIN_DATE],
  [MAX_DATE, MAX_DATE],
  ['2100-12-01', MAX_DATE],
  [MIN_DATE, '1900-01-31'],
  ['2024-02-29', '2024-02-29'],
  [MAX_DATE, MIN_DATE],
  [undefined, MAX_DATE],
  [MIN_DATE, undefined],
  ['1899-12-31', '2101-01-01'],
];
const CONTROL_CHARACTERS = [
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)),
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
];
const texts = (max: number | undefined) => [
  '',
  ' ',
  'a',
  'coffee',
  '%',
  '_',
  '\\',
  "'; drop table users; --",
  'Ünïcødé ✓ 終わり',
  '😀'.repeat(10),
  '\ud800', // a lone surrogate
  '\u202etxt.exe', // right-to-left override (a format character, not a control one)
  ...CONTROL_CHARACTERS.map((c) => `a${c}b`),
  '\u0000',
  ...(max === undefined ? ['x'.repeat(5_000)] : ['x'.repeat(max), 'x'.repeat(max + 1)]),
];
const EMAILS = [
  'someone@example.com',
  'SOMEONE@EXAMPLE.COM',
  ' someone@example.com ',
  `${'a'.repeat(245)}@example.com`,
  'a@b',
  'no-at-sign',
  'nul\u0000@example.com',
  '',
];
const UUIDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '11111111-1111-4111-8111-111111111111',
  'FFFFFFFF-FFFF-4FFF-8FFF-FFFFFFFFFFFF',
  'not-a-uuid',
  "1' or '1'='1",
  '',
];

interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** Values `schema` accepts — still at the edges where it has them (first and last day…). */
function valid(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => valid(branch, name)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'date') {
        return fc.constantFrom(
          MIN_DATE,
          MAX_DATE,
          '1900-01-02',
          '2100-12-30',
          '2024-02-29',
          '2000-02-29',
          '2026-06-15',
        );
      }
      if (schema.format === 'uuid') return fc.uuid({ version: 4 });
      if (/email/i.test(name)) return fc.uuid().map((id) => `fuzz-${id.slice(0, 13)}@example.com`);
      if (/password/i.test(name)) return fc.constant(STRONG_PASSWORD);
      if (schema.pattern === '^\\d{6}$') return fc.constantFrom('123456', '000000', '999999');
      return fc.constantFrom(
        'coffee',
        'Ünïcødé ✓',
        'abcde-fghij',
        'x'.repeat(Math.max(schema.minLength ?? 1, schema.maxLength ?? 1)),
      );
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum ?? -(2 ** 53)) + 1;
      const high = schema.maximum ?? (schema.exclusiveMaximum ?? 2 ** 53) - 1;
      return fc.constantFrom(low, high, Math.max(low, Math.min(high, 50)));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const max = Math.min(schema.maxItems ?? 5, 200);
      const item = schema.items ? valid(schema.items, name) : fc.constant(null);
      return fc.oneof(
        fc.constant([]),
        fc.array(item, { maxLength: 3 }),
        fc.array(item, { minLength: max, maxLength: max }),
      );
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const optional = Object.keys(properties).filter((key) => !required.has(key));
      return fc
        .subarray(optional)
        .chain((keys) =>
          fc.record(
            Object.fromEntries(
              [...required, ...keys].map((key) => [key, valid(properties[key]!, key)]),
            ),
          ),
        );
    }
    default:
      return fc.constant({});
  }
}

/** Values at the edges of what `schema` accepts and just beyond them. */
function odd(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => odd(branch, name)));
  if (schema.enum) return fc.constantFrom('something-else', '', null, ...schema.enum);
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'date') return fc.constantFrom(...DATES);
      if (schema.format === 'uuid') return fc.constantFrom(...UUIDS);
      if (/email/i.test(name)) return fc.constantFrom(...EMAILS);
      // NUL is the one PostgreSQL refuses outright, so it gets a third of the draws.
      return fc.oneof(
        fc.constantFrom('\u0000', 'a\u0000b', 'coffee\u0000', '\u0000\u0000\u0000'),
        fc.constantFrom(...texts(schema.maxLength), 1, null),
        fc.constantFrom(...texts(schema.maxLength)),
      );
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? schema.exclusiveMinimum ?? -(2 ** 53);
      const high = schema.maximum ?? schema.exclusiveMaximum ?? 2 ** 53;
      return fc.constantFrom(low - 1, high + 1, 1.5, 1e308, -0, 2 ** 53, -(2 ** 53), '1', null);
    }
    case 'boolean':
      return fc.constantFrom('true', 0, 1, null);
    case 'array': {
      const item = schema.items ? odd(schema.items, name) : fc.constant(null);
      const tooMany = (schema.maxItems ?? 1_000) + 1;
      return fc.oneof(
        fc.array(item, { minLength: 1, maxLength: 3 }),
        (schema.items ? valid(schema.items, name) : fc.constant(null)).map((value) =>
          Array.from({ length: tooMany }, () => value),
        ),
        fc.constant('not an array'),
      );
    }
    case 'object':
      return fc.constantFrom(null, [], 'not an object', 42);
    default:
      return fc.jsonValue();
  }
}

/** One place in an input where an odd value goes: a field, an unexpected key, or a date range. */
type Leaf =
  | { path: string[]; kind: 'value'; schema: JsonSchema; name: string }
  | { path: string[]; kind: 'range' };

function leaves(schema: JsonSchema, path: string[] = []): Leaf[] {
  if (typeOf(schema) !== 'object' || !schema.properties) {
    return [{ path, kind: 'value', schema, name: path.at(-1) ?? '' }];
  }
  const properties = schema.properties;
  return [
    {
      path: [...path, 'unexpected'],
      kind: 'value',
      schema: { type: 'integer' },
      name: 'unexpected',
    },
    ...(properties.from && properties.to ? [{ path, kind: 'range' } as const] : []),
    ...Object.entries(properties).flatMap(([key, property]) => leaves(property, [...path, key])),
  ];
}

function withValueAt(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const object = typeof base === 'object' && base !== null && !Array.isArray(base) ? base : {};
  const [head, ...rest] = path as [string, ...string[]];
  return { ...object, [head]: withValueAt((object as Record<string, unknown>)[head], rest, value) };
}

/**
 * Inputs for a procedure: a valid input with one odd value put somewhere in it (each place as
 * likely as the next, so every field's edges are reached), valid inputs, and arbitrary JSON.
 */
function inputs(schema: JsonSchema): fc.Arbitrary<unknown> {
  const places = leaves(schema);
  const oneOdd = fc.constantFrom(...places).chain((leaf) =>
    fc
      .tuple(
        valid(schema, ''),
        leaf.kind === 'range'
          ? fc.constantFrom(...RANGES)
          : odd(leaf.schema, leaf.name).map((value) => [value] as const),
      )
      .map(([base, oddValue]) => {
        if (leaf.kind === 'value') return withValueAt(base, leaf.path, oddValue[0]);
        const [from, to] = oddValue as [string | undefined, string | undefined];
        let input = withValueAt(base, [...leaf.path, 'from'], from);
        input = withValueAt(input, [...leaf.path, 'to'], to);
        return JSON.parse(JSON.stringify(input)) as unknown; // drops the undefined ends
      }),
  );
  return fc.oneof(
    { weight: 8, arbitrary: oneOdd },
    { weight: 1, arbitrary: valid(schema, '') },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[] };
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDef>,
).map(([path, procedure]) => {
  const [input] = procedure._def.inputs;
  const schema = input
    ? (z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema)
    : null;
  return {
    path,
    type: procedure._def.type === 'query' ? ('query' as const) : ('mutation' as const),
    input: schema ? inputs(schema) : fc.oneof(fc.constant(undefined), fc.jsonValue()),
    runs: schema ? RUNS_PER_PROCEDURE : 15,
  };
});

/** Every status each procedure answered. */
const seen = new Map<string, number[]>();
let server: TestServer;
let member: { email: string; token: string };
let admin: { email: string; token: string };
beforeAll(async () => {
  server = await startTestServer({
    limits: {
      requestsPerMinute: 0,
      signInFailures: 100_000,
      signInFailuresPerAccount: 100_000,
      signInFailuresPerIp: 100_000,
      registrationsPerIp: 100_000,
    },
  });
  member = await registerAccount(server.baseUrl);
  admin = await registerAccount(server.baseUrl);
  await server.testDb.db
    .updateTable('users')
    .set({ role: 'admin' })
    .where('email', '=', admin.email)
    .execute();
  // Rows at both ends of the date domain and on a leap day, so the metrics have work to do.
  const user = await server.testDb.db
    .selectFrom('users as u')
    .innerJoin('accounts as a', 'a.user_id', 'u.id')
    .select(['a.id as accountId'])
    .where('u.email', '=', member.email)
    .executeTakeFirstOrThrow();
  for (const [i, occurredOn] of [MIN_DATE, '2024-02-29', '2026-06-15', MAX_DATE].entries()) {
    const created = await callProcedure(server.baseUrl, 'transactions.create', {
      input: {
        accountId: user.accountId,
        occurredOn,
        amountMinor: -1_000 * (i + 1),
        payee: `Payee ${i}`,
      },
      headers: { authorization: `Bearer ${member.token}` },
    });
    expect(created.status).toBe(200);
  }
}, 120_000);
afterAll(() => server.close());

/** Signs the person in again if a fuzzed call (logout, a revoked session…) ended their session. */
async function stillSignedIn(person: { email: string; token: string }): Promise<void> {
  const me = await callProcedure(server.baseUrl, 'auth.me', {
    type: 'query',
    headers: { authorization: `Bearer ${person.token}` },
  });
  if (me.status === 200) return;
  const login = await callProcedure(server.baseUrl, 'auth.login', {
    input: { email: person.email, password: STRONG_PASSWORD },
  });
  expect(login.status).toBe(200);
  person.token = (
    login.body as { result: { data: { accessToken: string } } }
  ).result.data.accessToken;
}

describe('every procedure, with inputs from the edges of their domains', () => {
  it('finds the procedures in the router', () => {
    expect(procedures.length).toBeGreaterThan(20);
    expect(procedures.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'metrics.overTime',
        'transactions.list',
        'auth.login',
        'admin.users.setRole',
      ]),
    );
  });

  for (const procedure of procedures) {
    it(`${procedure.path}: never a 500, always an answer`, async () => {
      await fc.assert(
        fc.asyncProperty(
          procedure.input,
          fc.constantFrom('member', 'member', 'admin', 'anonymous'),
          async (input, who) => {
            const person = who === 'member' ? member : who === 'admin' ? admin : null;
            const headers: Record<string, string> = person
              ? { authorization: `Bearer ${person.token}` }
              : {};
            const encoded =
              input === undefined ? undefined : encodeURIComponent(JSON.stringify(input));
            const response =
              procedure.type === 'query'
                ? await fetch(
                    `${server.baseUrl}/trpc/${procedure.path}${encoded === undefined ? '' : `?input=${encoded}`}`,
                    { headers, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) },
                  )
                : await fetch(`${server.baseUrl}/trpc/${procedure.path}`, {
                    method: 'POST',
                    headers: { ...headers, 'content-type': 'application/json' },
                    body: JSON.stringify(input ?? null),
                    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
                  });
            await response.arrayBuffer();
            seen.set(procedure.path, [...(seen.get(procedure.path) ?? []), response.status]);
            expect(response.status, JSON.stringify(input)).toBeLessThan(500);
            if (person) await stillSignedIn(person);
          },
        ),
        { numRuns: procedure.runs },
      );
    }, 300_000);
  }

  it('reached past validation, not only into refusals', () => {
    const all = [...seen.values()].flat();
    expect(all.length).toBe(procedures.reduce((sum, p) => sum + p.runs, 0));
    expect(all.filter((status) => status === 200).length).toBeGreaterThan(procedures.length);
    expect(all.filter((status) => status === 400).length).toBeGreaterThan(procedures.length);
    // The metrics answered edge ranges, not only refused them.
    for (const path of [
      'metrics.summary',
      'metrics.overTime',
      'metrics.byCategory',
      'transactions.list',
    ]) {
      expect(seen.get(path), path).toContain(200);
    }
  });
});
