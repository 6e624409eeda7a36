import { z } from 'zod';

/** C0 and C1 control characters and DEL; with `lineBreaks`, newline, carriage return and tab pass. */
function hasControlCharacter(text: string, { lineBreaks }: { lineBreaks: boolean }): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const control = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
    if (control && !(lineBreaks && (code === 0x0a || code === 0x0d || code === 0x09))) return true;
  }
  return false;
}

function typedText(max: number, { lineBreaks }: { lineBreaks: boolean }) {
  return z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `At most ${max} characters`)
    .refine(
      (text) => !hasControlCharacter(text, { lineBreaks }),
      lineBreaks
        ? 'Must not contain control characters other than line breaks and tabs'
        : 'Must not contain control characters',
    );
}

/**
 * A one-line text a person typed (a payee, a name): trimmed, 1 to `max` characters, no control
 * characters. Empty after trimming is refused; optional fields take `null` to clear.
 */
export const lineText = (max: number) => typedText(max, { lineBreaks: false });

/** Free text over several lines (a note): trimmed, 1 to `max` characters, line breaks allowed. */
export const paragraphText = (max: number) => typedText(max, { lineBreaks: true });

export const Payee = lineText(200);
export const Description = lineText(500);
export const Notes = paragraphText(2_000);
export const Memo = lineText(200);
/** Names of categories and accounts (the database allows 1 to 100 characters). */
export const Name = lineText(100);
