/**
 * Changing the password: the current one, then the new one under the same rules as registration.
 * The server signs out every other session, and the notice says so.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { PasswordField } from '../components/password-field.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { apiError, generalErrorMessage, isWrongPassword } from '../lib/api-errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { PASSWORD_HINT } from '../lib/password-hint.ts';
import { SettingsSection, SuccessMessage } from './settings-section.tsx';

interface Errors {
  currentPassword?: string;
  newPassword?: string;
}

export function PasswordSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({ meta: { checksPassword: true } }),
  );
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);

  function showErrors(next: Errors) {
    setErrors(next);
    if (next.currentPassword) currentRef.current?.focus();
    else if (next.newPassword) newRef.current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    setFormError(null);
    const missing: Errors = {};
    if (!currentPassword) missing.currentPassword = 'Enter your current password.';
    if (!newPassword) missing.newPassword = 'Choose a new password.';
    if (missing.currentPassword || missing.newPassword) {
      showErrors(missing);
      return;
    }
    setErrors({});
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setDone('Password changed. Your other sessions were signed out.');
      void queryClient.invalidateQueries(trpc.auth.sessions.queryFilter());
    } catch (caught) {
      const error = apiError(caught);
      if (isWrongPassword(error)) {
        showErrors({ currentPassword: 'That is not your current password.' });
      } else if (error.code === 'BAD_REQUEST' && error.fields.newPassword) {
        showErrors({ newPassword: `${error.fields.newPassword}.` });
      } else if (error.code === 'BAD_REQUEST' && Object.keys(error.fields).length === 0) {
        // The password policy's own words: too common, or the email address itself.
        showErrors({ newPassword: error.message });
      } else {
        setFormError(generalErrorMessage(error, 'Outlay could not change your password.'));
      }
    }
  }

  return (
    <SettingsSection
      id="password"
      title="Password"
      description="Changing it signs out every other browser and device; this one stays signed in."
    >
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <PasswordField
          ref={currentRef}
          id="current-password"
          label="Current password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={errors.currentPassword}
        />
        <PasswordField
          ref={newRef}
          id="new-password"
          label="New password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
          hint={PASSWORD_HINT}
          error={errors.newPassword}
        />
        <FormFooter
          error={formError}
          pending={change.isPending}
          pendingLabel="Changing password…"
          label="Change password"
        />
      </form>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}
