/**
 * Sign-in, shown in place of any page while signed out. Two steps when the account has two-factor
 * authentication: email and password, then the code from the authenticator app (or a recovery
 * code). Errors appear next to the form; the demo logins are hinted unless the build turns the
 * hint off (VITE_OUTLAY_DEMO_HINT=false).
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { AuthLayout } from '../components/auth-layout.tsx';
import { CurrentPasswordField } from '../components/password-field.tsx';
import { CodeField } from '../components/code-field.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { EmailField } from '../components/text-field.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, showDemoHint } from '../lib/demo.ts';
import { sessionStore, type SessionSnapshot } from '../lib/session.ts';
import { useTRPC } from '../lib/trpc.ts';

type SecondFactor = 'totp' | 'recovery';

function errorMessage(caught: unknown): string {
  const error = apiError(caught);
  if (error.reason === 'TWO_FACTOR_REQUIRED')
    return /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
  if (error.code === 'UNAUTHORIZED') return 'Incorrect email or password.';
  if (error.code === 'BAD_REQUEST') return 'Enter a valid email address and your password.';
  return generalErrorMessage(error, 'Something went wrong. Please try again.');
}

export function SignInPage({ notice }: { notice: SessionSnapshot['notice'] }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** Set once the password was right and the account asks for a second factor. */
  const [factor, setFactor] = useState<SecondFactor | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const trpc = useTRPC();
  const login = useMutation(trpc.auth.login.mutationOptions({ meta: { skipSessionCheck: true } }));
  const errorId = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Outlay';
  }, []);

  // Each step (and each kind of code) is a new field: it takes the focus when it appears.
  useEffect(() => {
    (factor ? codeRef : emailRef).current?.focus();
  }, [factor]);

  async function signIn(
    withEmail: string,
    withPassword: string,
    proof: { totpCode?: string; recoveryCode?: string } = {},
  ) {
    setError(null);
    try {
      const session = await login.mutateAsync({
        email: withEmail.trim(),
        password: withPassword,
        ...proof,
      });
      sessionStore.signIn(session);
    } catch (caught) {
      const { reason } = apiError(caught);
      if (reason === 'TWO_FACTOR_REQUIRED' && !factor) {
        // The password was right: now the code, no error yet.
        setFactor('totp');
        return;
      }
      setError(errorMessage(caught));
      if (reason === 'TWO_FACTOR_REQUIRED') codeRef.current?.select();
    }
  }

  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    void signIn(email, password);
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = factor === 'totp' ? code.replace(/\s+/g, '') : code.trim();
    if (factor === 'totp' && !/^\d{6}$/.test(typed)) {
      setError('Enter the 6-digit code from your authenticator app.');
      codeRef.current?.focus();
      return;
    }
    if (factor === 'recovery' && typed.length < 6) {
      setError('Enter one of your recovery codes.');
      codeRef.current?.focus();
      return;
    }
    void signIn(email, password, factor === 'totp' ? { totpCode: typed } : { recoveryCode: typed });
  }

  function switchFactor(next: SecondFactor) {
    setFactor(next);
    setCode('');
    setError(null);
  }

  function startOver() {
    setFactor(null);
    setCode('');
    setPassword('');
    setError(null);
  }

  function signInAsDemo(demoEmail: string) {
    setEmail(demoEmail);
    setPassword(DEMO_PASSWORD);
    void signIn(demoEmail, DEMO_PASSWORD);
  }

  const invalid = error ? true : undefined;
  // The message is about the email and password together: both fields point at it.
  const markedByError = { invalid, 'aria-describedby': error ? errorId : undefined };
  // Both steps are the one login request, with one message region.
  const footer = (label: string, pendingLabel: string) => (
    <FormFooter
      error={error}
      errorId={errorId}
      pending={login.isPending && pendingLabel}
      label={label}
      block
    />
  );
  return (
    <AuthLayout>
      <div className="signin-card">
        {factor ? (
          <>
            <h1>Two-factor authentication</h1>
            <p className="muted">
              {factor === 'totp'
                ? 'Open your authenticator app and enter the current code for Outlay.'
                : 'Enter one of the recovery codes you saved. Each one works once.'}
            </p>
            <form onSubmit={submitCode} noValidate>
              <CodeField
                ref={codeRef}
                key={factor}
                id="signin-code"
                kind={factor}
                label={factor === 'totp' ? 'Authentication code' : 'Recovery code'}
                value={code}
                onChange={setCode}
                invalid={invalid}
                aria-describedby={errorId}
                hint={
                  factor === 'totp'
                    ? `6 digits, for ${email.trim()}.`
                    : 'Like xxxxx-xxxxx; upper or lower case, with or without the dash.'
                }
              />
              {footer('Verify and sign in', 'Checking…')}
            </form>
            <div className="signin-alternatives">
              <button
                type="button"
                className="link-button"
                onClick={() => switchFactor(factor === 'totp' ? 'recovery' : 'totp')}
              >
                {factor === 'totp'
                  ? 'Use a recovery code instead'
                  : 'Use the code from your authenticator app'}
              </button>
              <button type="button" className="link-button" onClick={startOver}>
                Sign in with another account
              </button>
            </div>
          </>
        ) : (
          <>
            <h1>Sign in</h1>
            <p className="muted">See where your money goes.</p>
            {notice && (
              <p className={`signin-notice ${notice.kind}`} role="status">
                {notice.message}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => sessionStore.dismissNotice()}
                >
                  Dismiss
                </button>
              </p>
            )}
            <form onSubmit={submitPassword} noValidate>
              <EmailField
                ref={emailRef}
                id="signin-email"
                autoComplete="username"
                value={email}
                onChange={setEmail}
                {...markedByError}
                required
              />
              <CurrentPasswordField
                id="signin-password"
                name="password"
                value={password}
                onChange={setPassword}
                {...markedByError}
              />
              {footer('Sign in', 'Signing in…')}
            </form>
          </>
        )}
      </div>
      {!factor && (
        <p className="signin-switch">
          New to Outlay? <Link href="/register">Create an account</Link>
        </p>
      )}
      {showDemoHint && !factor && (
        <section className="demo-hint" aria-labelledby="demo-hint-title">
          <h2 id="demo-hint-title">Trying the demo?</h2>
          <p>
            Three demo people, each with two years of spending. Pick one to sign in, or type the
            email with the password <code>{DEMO_PASSWORD}</code>.
          </p>
          <ul>
            {DEMO_LOGINS.map((demo) => (
              <li key={demo.email}>
                <button
                  type="button"
                  className="demo-login"
                  disabled={login.isPending}
                  onClick={() => signInAsDemo(demo.email)}
                >
                  <span className="demo-email">
                    <span className="visually-hidden">Sign in as </span>
                    {demo.email}
                  </span>
                  <span className="demo-profile">{demo.profile} spender</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </AuthLayout>
  );
}
