/**
 * A password input with a Show/Hide toggle, a hint and an error in place. Paste is allowed and
 * nothing is trimmed or cut short (no maxLength: a pasted passphrase must arrive whole).
 */
import { useState } from 'react';
import { TextField, type TextFieldProps } from './text-field.tsx';

interface Props extends Pick<
  TextFieldProps,
  'id' | 'label' | 'value' | 'onChange' | 'hint' | 'error' | 'invalid' | 'name' | 'ref'
> {
  autoComplete: 'current-password' | 'new-password';
  'aria-describedby'?: string;
}

export function PasswordField({ id, ...field }: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...field}
      id={id}
      type={visible ? 'text' : 'password'}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      affixClassName="password-affix"
      suffix={
        <button
          type="button"
          className="reveal-button"
          aria-controls={id}
          onClick={() => setVisible((shown) => !shown)}
        >
          {visible ? 'Hide' : 'Show'}
          <span className="visually-hidden"> password</span>
        </button>
      }
    />
  );
}
