/**
 * Where the account is signed in: one row per session (a browser or device), this one first and
 * marked, each other with "Sign out", which revokes it on the server at once.
 */
import type { SessionInfo } from '@outlay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import type { InstantFormatters } from '../lib/instant-format.ts';
import { useTRPC } from '../lib/trpc.ts';
import { describeUserAgent } from '../lib/user-agent.ts';
import { LoadError, LoadingRows, SettingsSection, SuccessMessage } from './settings-section.tsx';

export function SessionsSection({ format }: { format: InstantFormatters }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.auth.sessions.queryOptions(undefined, { staleTime: 0 }));
  const revoke = useMutation(trpc.auth.revokeSession.mutationOptions());
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
                      <time dateTime={session.createdAt}>{format.dateTime(session.createdAt)}</time>
                    </span>
                  </p>
                </div>
                {!session.current && (
                  <button
                    type="button"
                    className="button small"
                    disabled={pending !== null}
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
      )}
      <div className="form-error" role="alert">
        {error}
      </div>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}
