import { z } from 'zod';

/**
 * Control characters: C0 (U+0000–U+001F, with NUL, tab and line breaks), DEL and C1
 * (U+0080–U+009F). PostgreSQL refuses NUL in text outright, and the rest only serve to hide,
 * break or forge what another screen shows, so no text a person sends may carry them.
 */
const CONTROL_CHARACTER = /\p{Cc}/u;

export const CONTROL_CHARACTER_MESSAGE =
  'Remove control characters (such as tabs, line breaks or NUL)';

/** Whether `value` holds no control character. */
export function hasNoControlCharacters(value: string): boolean {
  return !CONTROL_CHARACTER.test(value);
}

/**
 * Text a person types into a field that is stored or searched (names, search text): trimmed,
 * 1..`max` characters, no control characters. Every text input of every contract is built with
 * this, so no text can reach the database that PostgreSQL would refuse. Passwords are the one
 * exception (`Password` in auth.ts): they are hashed, never stored or shown, and any character
 * may be part of one.
 */
export function Text(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(hasNoControlCharacters, { message: CONTROL_CHARACTER_MESSAGE });
}
