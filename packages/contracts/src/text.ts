import { z } from 'zod';

/** C0 and C1 control characters (newlines and tabs included) and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, except newline, carriage return and tab, which a note may hold. */
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * A one-line text a person typed (a payee, a name): trimmed, 1 to `max` characters, no control
 * characters. Empty after trimming is refused; optional fields take `null` to clear.
 */
export function lineText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `At most ${max} characters`)
    .refine((text) => !CONTROL.test(text), 'Must not contain control characters');
}

/** Free text over several lines (a note): trimmed, 1 to `max` characters, line breaks allowed. */
export function paragraphText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `At most ${max} characters`)
    .refine(
      (text) => !CONTROL_EXCEPT_LINE_BREAKS.test(text),
      'Must not contain control characters other than line breaks and tabs',
    );
}

export const Payee = lineText(200);
export const Description = lineText(500);
export const Notes = paragraphText(2_000);
export const Memo = lineText(200);
/** Names of categories and accounts (the database allows 1 to 100 characters). */
export const Name = lineText(100);
