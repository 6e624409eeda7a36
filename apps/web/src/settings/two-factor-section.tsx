/**
 * Two-factor authentication (TOTP). Turning it on: the server makes a secret and draws its QR
 * code as SVG (shown as an image from a data: URL, which the Content-Security-Policy allows); the
 * person scans it or types the key, and proves it with a code (`two-factor-enrolment.tsx`). Then
 * the ten recovery codes are shown, once, with copy and download (`recovery-codes.tsx`). Turning
 * it off asks for proof (`two-factor-turn-off.tsx`). This file holds the section and which of
 * those steps shows.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormError } from '../components/form-error.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { RecoveryCodes } from './recovery-codes.tsx';
import { LoadError, LoadingRows } from '../components/load-states.tsx';
import { SettingsSection, SuccessMessage } from './settings-section.tsx';
import { EnrolmentSteps, type Enrolment } from './two-factor-enrolment.tsx';
import { TwoFactorTurnOff } from './two-factor-turn-off.tsx';

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
          <TwoFactorTurnOff
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
      <FormError>{error}</FormError>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}
