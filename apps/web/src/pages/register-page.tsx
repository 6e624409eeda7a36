/**
 * Creating an account (loaded on demand: most visits never need it). The password rules are the
 * server's (ASVS 5 V6.2): at least 8 characters, anything allowed, pasting welcome, the most
 * common passwords refused. Every error the server gives lands next to the field it is about;
 * success signs the new account in and opens its (empty) dashboard.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { AuthLayout } from '../components/auth-layout.tsx';
import { PasswordField } from '../components/password-field.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { TextField } from '../components/text-field.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { PASSWORD_HINT } from '../lib/password-hint.ts';
import { sessionStore } from '../lib/session.ts';
import { useTRPC } from '../lib/trpc.ts';

type Field = 'displayName' | 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

export default function RegisterPage() {
  const [, navigate] = useLocation();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [emailTaken, setEmailTaken] = useState(false);
  const trpc = useTRPC();
  const register = useMutation(
    trpc.auth.register.mutationOptions({ meta: { skipSessionCheck: true } }),
  );
  const refs = {
    displayName: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  useEffect(() => {
    document.title = 'Create an account · Outlay';
    refs.displayName.current?.focus();
    // The refs object is recreated each render; its contents are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function showErrors(next: FieldErrors) {
    setErrors(next);
    const first = (['displayName', 'email', 'password'] as const).find((field) => next[field]);
    if (first) refs[first].current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setEmailTaken(false);
    const missing: FieldErrors = {};
    if (!displayName.trim()) missing.displayName = 'Enter your name.';
    if (!email.trim()) missing.email = 'Enter your email address.';
    if (!password) missing.password = 'Choose a password.';
    if (Object.keys(missing).length > 0) {
      showErrors(missing);
      return;
    }
    setErrors({});
    try {
      const session = await register.mutateAsync({ displayName, email, password });
      navigate('/', { replace: true });
      sessionStore.signIn(session);
    } catch (caught) {
      const error = apiError(caught);
      if (error.code === 'BAD_REQUEST' && Object.keys(error.fields).length > 0) {
        showErrors({
          displayName: error.fields.displayName && 'Enter your name (up to 100 characters).',
          email: error.fields.email && 'Enter a valid email address, like name@example.com.',
          password: error.fields.password && `${error.fields.password}.`,
        });
      } else if (error.code === 'BAD_REQUEST') {
        // The password policy's own words: too common, or the email address itself.
        showErrors({ password: error.message });
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
            ref={refs.displayName}
            id="register-name"
            label="Your name"
            name="name"
            autoComplete="name"
            value={displayName}
            onChange={setDisplayName}
            error={errors.displayName}
          />
          <TextField
            ref={refs.email}
            id="register-email"
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            value={email}
            onChange={setEmail}
            error={
              errors.email && (
                <>
                  {errors.email}
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
          <PasswordField
            ref={refs.password}
            id="register-password"
            name="password"
            label="Password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            hint={PASSWORD_HINT}
            error={errors.password}
          />
          <FormFooter
            error={formError}
            pending={register.isPending}
            pendingLabel="Creating your account…"
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
