/**
 * Creating an account (loaded on demand: most visits never need it). The password rules are the
 * server's (ASVS 5 V6.2): at least 8 characters, anything allowed, pasting welcome, the most
 * common passwords refused. Every error the server gives lands next to the field it is about;
 * success signs the new account in and opens its (empty) dashboard.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { AuthLayout } from '../components/auth-layout.tsx';
import { NewPasswordField } from '../components/password-field.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { EmailField, TextField } from '../components/text-field.tsx';
import { apiError, generalErrorMessage, newPasswordRefusal } from '../lib/api-errors.ts';
import { sessionStore } from '../lib/session.ts';
import { useTRPC } from '../lib/trpc.ts';
import { useFormFields, type FieldErrors } from '../lib/use-form-fields.ts';

export default function RegisterPage() {
  const [, navigate] = useLocation();
  const fields = useFormFields({ displayName: '', email: '', password: '' });
  const { displayName, email, password } = fields.values;
  const [formError, setFormError] = useState<string | null>(null);
  const [emailTaken, setEmailTaken] = useState(false);
  const trpc = useTRPC();
  const register = useMutation(
    trpc.auth.register.mutationOptions({ meta: { skipSessionCheck: true } }),
  );
  const { focus, showErrors } = fields;

  useEffect(() => {
    document.title = 'Create an account · Outlay';
    focus('displayName');
    // Once, on arrival: `focus` reads the field's node when called.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setEmailTaken(false);
    const missing: FieldErrors<keyof typeof fields.values> = {};
    if (!displayName.trim()) missing.displayName = 'Enter your name.';
    if (!email.trim()) missing.email = 'Enter your email address.';
    if (!password) missing.password = 'Choose a password.';
    if (Object.keys(missing).length > 0) {
      showErrors(missing);
      return;
    }
    showErrors({});
    try {
      const session = await register.mutateAsync({ displayName, email, password });
      navigate('/', { replace: true });
      sessionStore.signIn(session);
    } catch (caught) {
      const error = apiError(caught);
      if (error.code === 'BAD_REQUEST') {
        showErrors({
          displayName: error.fields.displayName && 'Enter your name (up to 100 characters).',
          email: error.fields.email && 'Enter a valid email address, like name@example.com.',
          password: newPasswordRefusal(error, 'password'),
        });
      } else if (error.code === 'CONFLICT') {
        setEmailTaken(true);
        showErrors({ email: 'An account with this email already exists.' });
      } else {
        setFormError(
          generalErrorMessage(error, 'Outlay could not create your account. Try again.'),
        );
      }
    }
  }

  return (
    <AuthLayout>
      <div className="signin-card">
        <h1>Create your account</h1>
        <p className="muted">See where your money goes.</p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            id="register-name"
            label="Your name"
            name="name"
            autoComplete="name"
            {...fields.bind('displayName')}
          />
          <EmailField
            {...fields.bind('email')}
            id="register-email"
            error={
              fields.errors.email && (
                <>
                  {fields.errors.email}
                  {emailTaken && (
                    <>
                      {' '}
                      <Link href="/">Sign in instead</Link>
                    </>
                  )}
                </>
              )
            }
          />
          <NewPasswordField
            id="register-password"
            name="password"
            label="Password"
            {...fields.bind('password')}
          />
          <FormFooter
            error={formError}
            pending={register.isPending && 'Creating your account…'}
            label="Create account"
            block
          />
        </form>
      </div>
      <p className="signin-switch">
        Already have an account? <Link href="/">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
