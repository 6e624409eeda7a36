/**
 * Where the account is signed in: one row per session (a browser or device), this one first and
 * marked. Rows tell sessions apart by browser and system (from the user agent), address, when
 * they signed in and when they were last active. Each other session has "Sign out", and "Sign
 * out all other sessions" ends every one but this; both take effect on the server at once.
 */
import type { SessionInfo } from '@outlay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormError } from '../components/form-error.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import type { InstantFormatters } from '../lib/instant-format.ts';
import { useTRPC } from '../lib/trpc.ts';
import { describeUserAgent } from '../lib/user-agent.ts';
import { LoadError, LoadingRows } from '../components/load-states.tsx';
import { SettingsSection, SuccessMessage } from './settings-section.tsx';

export function SessionsSection({ format }: { format: InstantFormatters }) {
  const numbers = useFormatters();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.auth.sessions.queryOptions(undefined, { staleTime: 0 }));
  const revoke = useMutation(trpc.auth.revokeSession.mutationOptions());
  const revokeOthers = useMutation(trpc.auth.revokeOtherSessions.mutationOptions());
  const [pending, setPending] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  async function signOut(session: SessionInfo) {
    setPending(session.id);
    setDone(null);
    setError(null);
    try {
      await revoke.mutateAsync({ id: session.id });
      await queryClient.invalidateQueries(trpc.auth.sessions.queryFilter());
      setDone(`Signed out ${describeUserAgent(session.userAgent)}.`);
      heading.current?.focus();
    } catch (caught) {
      setError(generalErrorMessage(apiError(caught), 'Outlay could not sign out that session.'));
    } finally {
      setPending(null);
    }
  }

  async function signOutOthers(count: number) {
    setDone(null);
    setError(null);
    try {
      await revokeOthers.mutateAsync();
      await queryClient.invalidateQueries(trpc.auth.sessions.queryFilter());
      setDone(
        count === 1 ? 'Signed out the other session.' : `Signed out the ${count} other sessions.`,
      );
      heading.current?.focus();
    } catch (caught) {
      setError(
        generalErrorMessage(apiError(caught), 'Outlay could not sign out the other sessions.'),
      );
    }
  }

  // This device first, then the most recently active.
  const rows = [...(sessions.data ?? [])].sort(
    (a, b) =>
      Number(b.current) - Number(a.current) || Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt),
  );

  return (
    <SettingsSection
      id="sessions"
      title="Sessions"
      headingRef={heading}
      description="The browsers and devices signed in to your account. Sign out any you don’t recognise."
    >
      {sessions.isPending ? (
        <LoadingRows label="Loading sessions…" />
      ) : sessions.isError ? (
        <LoadError what="your sessions" onRetry={() => void sessions.refetch()} />
      ) : rows.length === 0 ? (
        <p className="empty-line">No signed-in sessions.</p>
      ) : (
        <>
          {rows.length > 1 && (
            <div className="settings-row">
              <p>
                {numbers.countOf(rows.length, 'session')}: this one and{' '}
                {numbers.countOf(rows.length - 1, 'other')}.
              </p>
              <button
                type="button"
                className="button"
                disabled={revokeOthers.isPending || pending !== null}
                onClick={() => void signOutOthers(rows.length - 1)}
              >
                {revokeOthers.isPending ? 'Signing out…' : 'Sign out all other sessions'}
              </button>
            </div>
          )}
          <ul className="item-list" aria-label="Signed-in sessions">
            {rows.map((session) => {
              const device = describeUserAgent(session.userAgent);
              return (
                <li
                  key={session.id}
                  className="item"
                  data-session={session.current ? 'current' : 'other'}
                >
                  <div className="item-main">
                    <p className="item-title">
                      <span title={session.userAgent ?? undefined}>{device}</span>
                      {session.current && <span className="badge on">This device</span>}
                    </p>
                    <p className="item-meta">
                      {session.ip && <span>{session.ip}</span>}
                      <span>
                        {session.current || Date.now() - Date.parse(session.lastUsedAt) < 60_000 ? (
                          'Active now'
                        ) : (
                          <>
                            Last active{' '}
                            <time
                              dateTime={session.lastUsedAt}
                              title={format.dateTime(session.lastUsedAt)}
                            >
                              {format.relative(session.lastUsedAt)}
                            </time>
                          </>
                        )}
                      </span>
                      <span>
                        Signed in{' '}
                        <time dateTime={session.createdAt}>
                          {format.preciseDateTime(session.createdAt)}
                        </time>
                      </span>
                    </p>
                  </div>
                  {!session.current && (
                    <button
                      type="button"
                      className="button small"
                      disabled={pending !== null || revokeOthers.isPending}
                      onClick={() => void signOut(session)}
                    >
                      {pending === session.id ? 'Signing out…' : 'Sign out'}
                      <span className="visually-hidden"> {device}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <FormError>{error}</FormError>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}
