/**
 * Sign-in, shown in place of any page while signed out. Errors appear next to the form; the
 * demo logins are hinted unless the build turns the hint off (VITE_OUTLAY_DEMO_HINT=false).
 */
import { outlayErrorCode, TRPCClientError } from '@outlay/client';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Logo } from '../components/app-shell.tsx';
import { sessionStore, type SessionSnapshot } from '../lib/session.ts';
import { trpc } from '../lib/trpc.ts';

const DEMO_LOGINS = [
  { email: 'john.doe@example.com', profile: 'practical' },
  { email: 'jane.doe@example.com', profile: 'social' },
  { email: 'charlie@example.com', profile: 'lifestyle' },
];
const DEMO_PASSWORD = 'password123';
const showDemoHint = import.meta.env.VITE_OUTLAY_DEMO_HINT !== 'false';

function needsSecondFactor(error: unknown): boolean {
  return (
    error instanceof TRPCClientError &&
    (error.data as { reason?: string | null } | undefined)?.reason === 'TWO_FACTOR_REQUIRED'
  );
}

function errorMessage(error: unknown): string {
  const code = outlayErrorCode(error);
  if (needsSecondFactor(error)) return (error as Error).message;
  if (code === 'UNAUTHORIZED') return 'Incorrect email or password.';
  if (code === 'TOO_MANY_REQUESTS') return 'Too many attempts. Wait a minute, then try again.';
  if (code === 'BAD_REQUEST') return 'Enter a valid email address and your password.';
  if (error instanceof TRPCClientError && !code)
    return 'Can’t reach Outlay right now. Check your connection and try again.';
  return 'Something went wrong. Please try again.';
}

export function SignInPage({ notice }: { notice: SessionSnapshot['notice'] }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const login = trpc.auth.login.useMutation({ meta: { skipSessionCheck: true } });
  const errorId = useId();
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Outlay';
    emailRef.current?.focus();
  }, []);

  async function signIn(withEmail: string, withPassword: string) {
    setError(null);
    if (!withEmail.trim() || !withPassword) {
      setError('Enter your email and password.');
      return;
    }
    // With two-factor authentication on: six digits are an app code, anything else a recovery code.
    const second =
      askCode && code.trim()
        ? /^\d{6}$/.test(code.trim())
          ? { totpCode: code.trim() }
          : { recoveryCode: code.trim() }
        : {};
    try {
      const session = await login.mutateAsync({
        email: withEmail.trim(),
        password: withPassword,
        ...second,
      });
      sessionStore.signIn(session);
    } catch (caught) {
      if (needsSecondFactor(caught)) setAskCode(true);
      setError(errorMessage(caught));
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void signIn(email, password);
  }

  function signInAsDemo(demoEmail: string) {
    setEmail(demoEmail);
    setPassword(DEMO_PASSWORD);
    void signIn(demoEmail, DEMO_PASSWORD);
  }

  return (
    <div className="signin">
      <main className="signin-main" id="main">
        <div className="signin-brand">
          <Logo />
          <span>Outlay</span>
        </div>
        <div className="signin-card">
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
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="signin-email">Email</label>
              <input
                ref={emailRef}
                id="signin-email"
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="signin-password">Password</label>
              <input
                id="signin-password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                required
              />
            </div>
            {askCode && (
              <div className="field">
                <label htmlFor="signin-code">Authentication code</label>
                <input
                  id="signin-code"
                  name="code"
                  type="text"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  autoFocus
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                  aria-describedby={`${errorId} signin-code-hint`}
                />
                <p className="muted small" id="signin-code-hint">
                  The 6-digit code from your authenticator app, or one of your recovery codes.
                </p>
              </div>
            )}
            <div className="form-error" id={errorId} role="alert">
              {error}
            </div>
            <button type="submit" className="button primary block" disabled={login.isPending}>
              {login.isPending ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </div>
        {showDemoHint && (
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
      </main>
    </div>
  );
}
