/**
 * Turning two-factor authentication on: the server's secret as a QR code (an image from a data:
 * URL, which the Content-Security-Policy allows) and as a key to type, then a code from the app
 * to prove it works. A setup started again elsewhere makes this one stale: it says so.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type Ref } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { CodeField } from '../components/code-field.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { useFormFields } from '../lib/use-form-fields.ts';

export interface Enrolment {
  secret: string;
  qrSvg: string;
}

/** The key as authenticator apps show it: groups of four. */
function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export function EnrolmentSteps({
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
  const fields = useFormFields({ code: '' });
  const { code } = fields.values;
  const [formError, setFormError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const qrSource = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const typed = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(typed)) {
      fields.showErrors({ code: 'Enter the 6-digit code your app shows for Outlay.' });
      return;
    }
    fields.showErrors({});
    try {
      const result = await confirm.mutateAsync({ code: typed });
      onEnabled(result.recoveryCodes);
    } catch (caught) {
      const failure = apiError(caught);
      if (failure.code === 'BAD_REQUEST') {
        fields.showErrors(
          { code: 'That code is not valid. Check the time on your phone, then try the next code.' },
          { select: true },
        );
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
            <CodeField
              id="totp-confirm"
              kind="totp"
              label="Enter the 6-digit code your app shows"
              labelClassName="step-title"
              {...fields.bind('code')}
            />
            <FormFooter
              error={formError}
              pending={confirm.isPending && 'Checking…'}
              label="Turn on"
              submit={
                expired && (
                  <button type="button" className="button primary" onClick={onRestart}>
                    Start again
                  </button>
                )
              }
              onCancel={onCancel}
            />
          </form>
        </li>
      </ol>
    </div>
  );
}
