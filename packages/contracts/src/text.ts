import { z } from 'zod';

/**
 * Control characters: C0 (U+0000–U+001F, with NUL, tab and line breaks), DEL and C1
 * (U+0080–U+009F). PostgreSQL refuses NUL in text outright, and the rest only serve to hide,
 * break or forge what another screen shows, so no text a person sends may carry them. Notes are
 * the one kind of text that may span lines: there, tab and line breaks pass.
 */
const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTER_BUT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

export const CONTROL_CHARACTER_MESSAGE =
  'Remove control characters (such as tabs, line breaks or NUL)';

/** Whether `value` holds no control character. */
export function hasNoControlCharacters(value: string): boolean {
  return !CONTROL_CHARACTER.test(value);
}

/**
 * Text a person types into a one-line field that is stored or searched (names, payees, search
 * text): trimmed, 1..`max` characters, no control characters. Every text input of every contract
 * is built with this or `ParagraphText`, so no text can reach the database that PostgreSQL would
 * refuse. Passwords are the one exception (`Password` in auth.ts): they are hashed, never stored
 * or shown, and any character may be part of one. Optional fields take `null` to clear.
 */
export function Text(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `At most ${max} characters`)
    .refine(hasNoControlCharacters, { message: CONTROL_CHARACTER_MESSAGE });
}

/** Free text over several lines (a note): as `Text`, but tab and line breaks are allowed. */
export function ParagraphText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `At most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTER_BUT_LINE_BREAKS.test(value), {
      message: 'Remove control characters other than line breaks and tabs',
    });
}

export const Payee = Text(200);
export const Description = Text(500);
export const Notes = ParagraphText(2_000);
export const Memo = Text(200);
/** Names of categories and accounts (the database allows 1 to 100 characters). */
export const Name = Text(100);
