/**
 * A password input with a Show/Hide toggle, a hint and an error in place. Paste is allowed and
 * nothing is trimmed or cut short (no maxLength: a pasted passphrase must arrive whole).
 * `NewPasswordField` is the one a password is chosen in (registration, changing it), with the
 * server's rule as its hint; `CurrentPasswordField` the one a person proves it is them with.
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

/**
 * The one rule a new password must meet, in words: the server's (8–1024 characters, anything
 * allowed, the most common passwords refused). No composition rules to list.
 */
export const PASSWORD_HINT = 'At least 8 characters; a passphrase works well.';

export function NewPasswordField(props: Omit<Props, 'autoComplete' | 'hint'>) {
  return <PasswordField {...props} autoComplete="new-password" hint={PASSWORD_HINT} />;
}

export function CurrentPasswordField({
  label = 'Password',
  ...props
}: Omit<Props, 'autoComplete' | 'label'> & { label?: Props['label'] }) {
  return <PasswordField {...props} label={label} autoComplete="current-password" />;
}
