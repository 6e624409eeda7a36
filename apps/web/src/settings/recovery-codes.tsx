/**
 * The ten recovery codes, shown once right after two-factor authentication is turned on, with
 * copy and download-as-text. They exist only here (component state): "Done" drops them for good.
 */
import { useEffect, useRef } from 'react';
import { CopyButton } from '../components/copy-button.tsx';

export function RecoveryCodes({
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
    <div className="callout accent reveal-once" data-recovery-codes>
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
