/**
 * A typed amount that may be negative (an account's opening balance: a credit card opens in
 * debt). The sign is read here — a leading minus (ASCII or U+2212) or accounting parentheses —
 * and the digits by `parseAmount` from @outlay/client, the one parser of typed amounts.
 */
import { parseAmount, type ParsedAmount } from '@outlay/client';

export function parseSignedAmount(input: string, currency: string, locale: string): ParsedAmount {
  const text = input.trim();
  const parenthesised = /^\((.*)\)$/.exec(text);
  const minus = /^[-\u2212]\s*(.*)$/.exec(text);
  const digits = parenthesised?.[1] ?? minus?.[1] ?? text;
  const parsed = parseAmount(digits, currency, locale);
  if (!parsed.ok || (!parenthesised && !minus)) return parsed;
  // -0 is 0.
  return { ok: true, minor: parsed.minor === 0 ? 0 : -parsed.minor };
}
