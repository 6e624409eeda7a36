/**
 * Turning two-factor authentication off, in its own file because the proof it asks for is its
 * own concern: today the password. A wrong one is this form's error, not an ended session
 * (`meta.checksPassword`).
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PasswordField } from '../components/password-field.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { apiError, generalErrorMessage, isWrongPassword } from '../lib/api-errors.ts';
import { useTRPC } from '../lib/trpc.ts';

export function TwoFactorTurnOff({
  onCancel,
  onDone,
}: {
  onCancel: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const disable = useMutation(
    trpc.auth.twoFactor.disable.mutationOptions({ meta: { checksPassword: true } }),
  );
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => passwordRef.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (!password) {
      setPasswordError('Enter your password.');
      passwordRef.current?.focus();
      return;
    }
    setPasswordError(undefined);
    try {
      await disable.mutateAsync({ password });
      onDone();
    } catch (caught) {
      const failure = apiError(caught);
      if (isWrongPassword(failure)) {
        setPasswordError('That password is not correct.');
        passwordRef.current?.select();
      } else {
        setFormError(
          generalErrorMessage(failure, 'Outlay could not turn off two-factor authentication.'),
        );
      }
    }
  }

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <p>
        Turning it off makes your password the only thing needed to sign in, and deletes your
        recovery codes. Enter your password to confirm.
      </p>
      <PasswordField
        ref={passwordRef}
        id="two-factor-password"
        label="Password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={passwordError}
      />
      <FormFooter
        error={formError}
        pending={disable.isPending}
        pendingLabel="Turning off…"
        label="Turn off"
        tone="danger"
        onCancel={onCancel}
      />
    </form>
  );
}
