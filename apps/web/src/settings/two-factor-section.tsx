/**
 * Two-factor authentication (TOTP). Turning it on: the server makes a secret and draws its QR
 * code as SVG (shown as an image from a data: URL, which the Content-Security-Policy allows); the
 * person scans it or types the key, and proves it with a code. Then the ten recovery codes are
 * shown, once, with copy and download. Turning it off asks for the password.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import { PasswordField } from '../components/password-field.tsx';
import { apiError, generalErrorMessage, isWrongPassword } from '../lib/api-errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { LoadError, LoadingRows, SettingsSection, SuccessMessage } from './settings-section.tsx';

interface Enrolment {
  secret: string;
  qrSvg: string;
}

/** The key as authenticator apps show it: groups of four. */
function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export function TwoFactorSection({ email }: { email: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.auth.twoFactor.status.queryOptions(undefined, { staleTime: 0 }));
  const start = useMutation(trpc.auth.twoFactor.start.mutationOptions());
  const refreshStatus = () =>
    void queryClient.invalidateQueries(trpc.auth.twoFactor.status.queryFilter());
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [turningOff, setTurningOff] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const stepsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (enrolment) stepsHeading.current?.focus();
  }, [enrolment]);

  async function beginSetUp() {
    setError(null);
    setDone(null);
    try {
      const result = await start.mutateAsync();
      setEnrolment({ secret: result.secret, qrSvg: result.qrSvg });
    } catch (caught) {
      const failure = apiError(caught);
      if (failure.code === 'CONFLICT') refreshStatus();
      setError(
        generalErrorMessage(
          failure,
          'Outlay could not start setting up two-factor authentication.',
        ),
      );
    }
  }

  function finish(message: string) {
    setDone(message);
    heading.current?.focus();
  }

  const enabled = status.data?.enabled;
  return (
    <SettingsSection
      id="two-factor"
      title="Two-factor authentication"
      headingRef={heading}
      aside={
        enabled === undefined ? null : enabled ? (
          <span className="badge on">On</span>
        ) : (
          <span className="badge">Off</span>
        )
      }
      description="A second step when you sign in: a 6-digit code from an authenticator app on your phone, so a stolen password alone is not enough."
    >
      {recoveryCodes ? (
        <RecoveryCodes
          codes={recoveryCodes}
          email={email}
          onDone={() => {
            setRecoveryCodes(null);
            finish('Two-factor authentication is on.');
          }}
        />
      ) : status.isPending ? (
        <LoadingRows label="Checking two-factor authentication…" rows={1} />
      ) : status.isError ? (
        <LoadError what="your two-factor settings" onRetry={() => void status.refetch()} />
      ) : status.data.enabled ? (
        turningOff ? (
          <TurnOff
            onCancel={() => setTurningOff(false)}
            onDone={() => {
              setTurningOff(false);
              refreshStatus();
              finish('Two-factor authentication is off.');
            }}
          />
        ) : (
          <div className="settings-row">
            <p>
              Signing in asks for a code from your authenticator app. Lost your phone? One of your
              recovery codes works instead.
            </p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setDone(null);
                setTurningOff(true);
              }}
            >
              Turn off two-factor authentication
            </button>
          </div>
        )
      ) : enrolment ? (
        <EnrolmentSteps
          enrolment={enrolment}
          headingRef={stepsHeading}
          onCancel={() => {
            setEnrolment(null);
            heading.current?.focus();
          }}
          onRestart={() => void beginSetUp()}
          onEnabled={(codes) => {
            setEnrolment(null);
            setRecoveryCodes(codes);
            refreshStatus();
          }}
        />
      ) : (
        <div className="settings-row">
          <p>It’s off: your password alone signs you in.</p>
          <button
            type="button"
            className="button primary"
            disabled={start.isPending}
            onClick={() => void beginSetUp()}
          >
            {start.isPending ? 'Starting…' : 'Set up two-factor authentication'}
          </button>
        </div>
      )}
      <div className="form-error" role="alert">
        {error}
      </div>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}

function EnrolmentSteps({
  enrolment,
  headingRef,
  onCancel,
  onRestart,
  onEnabled,
}: {
  enrolment: Enrolment;
  headingRef: Ref<HTMLHeadingElement>;
  onCancel: () => void;
  onRestart: () => void;
  onEnabled: (recoveryCodes: string[]) => void;
}) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.auth.twoFactor.confirm.mutationOptions());
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const qrSource = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const typed = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(typed)) {
      setCodeError('Enter the 6-digit code your app shows for Outlay.');
      codeRef.current?.focus();
      return;
    }
    setCodeError(null);
    try {
      const result = await confirm.mutateAsync({ code: typed });
      onEnabled(result.recoveryCodes);
    } catch (caught) {
      const failure = apiError(caught);
      if (failure.code === 'BAD_REQUEST') {
        setCodeError(
          'That code is not valid. Check the time on your phone, then try the next code.',
        );
        codeRef.current?.select();
      } else if (failure.code === 'CONFLICT') {
        setExpired(true);
        setFormError('This setup is no longer current (it was started again elsewhere).');
      } else {
        setFormError(
          generalErrorMessage(failure, 'Outlay could not turn on two-factor authentication.'),
        );
      }
    }
  }

  return (
    <div className="enrolment">
      <h3 ref={headingRef} tabIndex={-1} className="subheading">
        Set up your authenticator app
      </h3>
      <ol className="steps">
        <li>
          <p className="step-title">Scan this QR code with your authenticator app</p>
          <p className="muted small">
            Any app that supports time-based codes works: 1Password, Aegis, Google Authenticator,
            Microsoft Authenticator and others.
          </p>
          <div className="qr-frame">
            <img
              className="qr"
              src={qrSource}
              width={176}
              height={176}
              alt="QR code that adds Outlay to your authenticator app"
            />
          </div>
        </li>
        <li>
          <p className="step-title">Can’t scan it? Enter this key instead</p>
          <div className="secret-row">
            <code id="totp-secret" className="secret" data-secret={enrolment.secret}>
              {groupKey(enrolment.secret)}
            </code>
            <CopyButton text={enrolment.secret} targetId="totp-secret" label="Copy key" />
          </div>
          <p className="muted small">Time-based, 6 digits, every 30 seconds.</p>
        </li>
        <li>
          <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
            <div className="field">
              <label htmlFor="totp-confirm" className="step-title">
                Enter the 6-digit code your app shows
              </label>
              <input
                ref={codeRef}
                id="totp-confirm"
                name="totp"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                className="code-input"
                value={code}
                onChange={(event) => setCode(event.target.value)}
                aria-invalid={codeError ? true : undefined}
                aria-describedby={codeError ? 'totp-confirm-error' : undefined}
              />
              {codeError && (
                <p className="field-error" id="totp-confirm-error">
                  {codeError}
                </p>
              )}
            </div>
            <div className="form-error" role="alert">
              {formError}
            </div>
            <div className="form-actions">
              {expired ? (
                <button type="button" className="button primary" onClick={onRestart}>
                  Start again
                </button>
              ) : (
                <button type="submit" className="button primary" disabled={confirm.isPending}>
                  {confirm.isPending ? 'Checking…' : 'Turn on'}
                </button>
              )}
              <button type="button" className="button ghost" onClick={onCancel}>
                Cancel
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

function RecoveryCodes({
  codes,
  email,
  onDone,
}: {
  codes: string[];
  email: string;
  onDone: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  function download() {
    const text = [
      `Outlay recovery codes for ${email}`,
      `Created ${new Date().toISOString().slice(0, 10)}`,
      '',
      'Each code signs you in once, in place of a code from your authenticator app.',
      '',
      ...codes,
      '',
    ].join('\n');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'outlay-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  return (
    <div className="reveal-once" data-recovery-codes>
      <h3 ref={headingRef} tabIndex={-1} className="subheading">
        Two-factor authentication is on. Save your recovery codes
      </h3>
      <p>
        If you lose your phone, each code signs you in once. Keep them somewhere safe, such as a
        password manager. <strong>You won’t see them again.</strong>
      </p>
      <ol id="recovery-codes" className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <CopyButton text={codes.join('\n')} targetId="recovery-codes" label="Copy codes" />
        <button type="button" className="button small" onClick={download}>
          Download as text
        </button>
      </div>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={onDone}>
          Done, I’ve saved them
        </button>
      </div>
    </div>
  );
}

function TurnOff({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
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
      <div className="form-error" role="alert">
        {formError}
      </div>
      <div className="form-actions">
        <button type="submit" className="button danger" disabled={disable.isPending}>
          {disable.isPending ? 'Turning off…' : 'Turn off'}
        </button>
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
