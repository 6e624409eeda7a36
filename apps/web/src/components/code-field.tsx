/**
 * A one-time code: the six digits an authenticator app shows, a recovery code, or either where
 * both are accepted. Monospaced and spaced for reading back; no capitals, no spelling fixes.
 */
import { TextField, type TextFieldProps } from './text-field.tsx';

const KINDS = {
  totp: {
    name: 'totp',
    inputMode: 'numeric',
    autoComplete: 'one-time-code',
    className: 'code-input',
  },
  recovery: {
    name: 'recovery-code',
    inputMode: 'text',
    autoComplete: 'off',
    className: 'code-input recovery',
  },
  // Wide enough for a recovery code; the authenticator's code is still offered to fill in.
  either: {
    name: 'totp',
    inputMode: 'text',
    autoComplete: 'one-time-code',
    className: 'code-input recovery',
  },
} as const;

export function CodeField({
  kind,
  ...field
}: Omit<TextFieldProps, 'name' | 'inputMode' | 'autoComplete' | 'className'> & {
  kind: keyof typeof KINDS;
}) {
  return <TextField {...KINDS[kind]} autoCapitalize="off" spellCheck={false} {...field} />;
}
