/**
 * Changing the password: the current one, then the new one under the same rules as registration.
 * The server signs out every other session, and the notice says so.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CurrentPasswordField, NewPasswordField } from '../components/password-field.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import {
  apiError,
  generalErrorMessage,
  isWrongPassword,
  newPasswordRefusal,
} from '../lib/api-errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { useFormFields } from '../lib/use-form-fields.ts';
import { SettingsSection, SuccessMessage } from './settings-section.tsx';

export function PasswordSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({ meta: { checksPassword: true } }),
  );
  const fields = useFormFields({ currentPassword: '', newPassword: '' });
  const { currentPassword, newPassword } = fields.values;
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    setFormError(null);
    if (!currentPassword || !newPassword) {
      fields.showErrors({
        currentPassword: currentPassword ? undefined : 'Enter your current password.',
        newPassword: newPassword ? undefined : 'Choose a new password.',
      });
      return;
    }
    fields.showErrors({});
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      fields.reset();
      setDone('Password changed. Your other sessions were signed out.');
      void queryClient.invalidateQueries(trpc.auth.sessions.queryFilter());
    } catch (caught) {
      const error = apiError(caught);
      const refusal = newPasswordRefusal(error, 'newPassword');
      if (isWrongPassword(error)) {
        fields.showErrors({ currentPassword: 'That is not your current password.' });
      } else if (refusal) {
        fields.showErrors({ newPassword: refusal });
      } else {
        setFormError(generalErrorMessage(error, 'Outlay could not change your password.'));
      }
    }
  }

  return (
    <SettingsSection
      id="password"
      title="Password"
      description="Changing it signs out every other browser and device, and ends your API tokens; this one stays signed in."
    >
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <CurrentPasswordField
          id="current-password"
          label="Current password"
          {...fields.bind('currentPassword')}
        />
        <NewPasswordField id="new-password" label="New password" {...fields.bind('newPassword')} />
        <FormFooter
          error={formError}
          pending={change.isPending && 'Changing password…'}
          label="Change password"
        />
      </form>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}
