/**
 * Turning two-factor authentication off, in its own file because the proof it asks for is its
 * own concern: the password and a current code from the app, or one of the recovery codes (for
 * a lost phone), so a password alone cannot remove the second factor. A wrong password or code
 * is this form's error, not an ended session (`meta.checksPassword`).
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { CurrentPasswordField } from '../components/password-field.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { CodeField } from '../components/code-field.tsx';
import { apiError, generalErrorMessage, isWrongPassword } from '../lib/api-errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { useFormFields } from '../lib/use-form-fields.ts';

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
  const fields = useFormFields({ password: '', code: '' });
  const { password, code } = fields.values;
  const { focus, showErrors } = fields;
  const [formError, setFormError] = useState<string | null>(null);
  // Once, on arrival: `focus` reads the field's node when called.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => focus('password'), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    showErrors({
      password: password ? undefined : 'Enter your password.',
      code: code.trim() ? undefined : 'Enter the code your app shows, or a recovery code.',
    });
    if (!password || !code.trim()) return;
    try {
      await disable.mutateAsync({ password, code: code.trim() });
      onDone();
    } catch (caught) {
      const failure = apiError(caught);
      if (isWrongPassword(failure)) {
        showErrors({ password: 'That password is not correct.' }, { select: true });
      } else if (failure.reason === 'WRONG_CODE' || failure.fields.code) {
        showErrors(
          { code: 'That code is not valid. Try the next code your app shows.' },
          { select: true },
        );
      } else if (failure.code === 'CONFLICT') {
        // Already off (turned off elsewhere): show it as it is.
        onDone();
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
        recovery codes. Enter your password and a code from your authenticator app to confirm.
      </p>
      <CurrentPasswordField id="two-factor-password" {...fields.bind('password')} />
      <CodeField
        id="two-factor-off-code"
        kind="either"
        label="Code from your authenticator app"
        {...fields.bind('code')}
        hint="Lost your phone? A recovery code works here too."
      />
      <FormFooter
        error={formError}
        pending={disable.isPending && 'Turning off…'}
        label="Turn off"
        tone="danger"
        onCancel={onCancel}
      />
    </form>
  );
}
