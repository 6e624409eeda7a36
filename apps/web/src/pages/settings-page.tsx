/**
 * Account settings (loaded on demand): where the account is signed in, the password, two-factor
 * authentication, API tokens, and a backup of your data. Each section loads, fails and succeeds on its own; on a wide
 * screen a list of the sections sits beside them.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { browserLocale } from '../lib/format.ts';
import { createInstantFormatters } from '../lib/instant-format.ts';
import { sessionStore } from '../lib/session.ts';
import { ApiTokensSection } from '../settings/api-tokens-section.tsx';
import { PasswordSection } from '../settings/password-section.tsx';
import { SessionsSection } from '../settings/sessions-section.tsx';
import { TwoFactorSection } from '../settings/two-factor-section.tsx';
import { YourDataSection } from '../settings/your-data-section.tsx';
import { Page } from '../components/page.tsx';

const SECTIONS = [
  { id: 'sessions', title: 'Sessions' },
  { id: 'password', title: 'Password' },
  { id: 'two-factor', title: 'Two-factor authentication' },
  { id: 'api-tokens', title: 'API tokens' },
  { id: 'your-data', title: 'Your data' },
];

export default function SettingsPage() {
  const { session } = useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot);
  const format = useMemo(() => createInstantFormatters(browserLocale()), []);

  useEffect(() => {
    document.title = 'Account settings · Outlay';
    // A link to one section (/settings#two-factor) arrives by client-side navigation: no scroll.
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    target?.scrollIntoView();
  }, []);

  const user = session?.user;
  return (
    <Page
      className="settings-page"
      title="Account settings"
      line={user && `${user.displayName} · ${user.email}`}
    >
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.id}>
                <a className="nav-link" href={`#${section.id}`}>
                  {section.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-sections">
          <SessionsSection format={format} />
          <PasswordSection />
          <TwoFactorSection email={user?.email ?? ''} />
          <ApiTokensSection format={format} />
          <YourDataSection />
        </div>
      </div>
    </Page>
  );
}
