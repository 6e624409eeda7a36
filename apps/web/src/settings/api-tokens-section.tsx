/**
 * API tokens for other apps (`@outlay/client`, or any HTTP client with `Authorization: Bearer`).
 * A new token is shown once, with a copy button; the server keeps only its hash. Revoking asks
 * first, in place, and takes effect at once.
 */
import type { ApiToken, ApiTokenScope } from '@outlay/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmBox } from '../components/confirm-box.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { FormError } from '../components/form-error.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { NameField } from '../components/contract-text-fields.tsx';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import type { InstantFormatters } from '../lib/instant-format.ts';
import { useTRPC } from '../lib/trpc.ts';
import { useFormFields } from '../lib/use-form-fields.ts';
import { LoadError, LoadingRows } from '../components/load-states.tsx';
import { SettingsSection, SuccessMessage } from './settings-section.tsx';

const SCOPES: { value: ApiTokenScope; label: string; description: string }[] = [
  { value: 'read', label: 'Read only', description: 'Can read your transactions and figures.' },
  {
    value: 'write',
    label: 'Read and write',
    description: 'Can also make changes. No token can change your account settings.',
  },
];

const scopeLabel = (scope: ApiTokenScope) => SCOPES.find((s) => s.value === scope)?.label ?? scope;

export function ApiTokensSection({ format }: { format: InstantFormatters }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.auth.apiTokens.list.queryOptions(undefined, { staleTime: 0 }));
  const revoke = useMutation(trpc.auth.apiTokens.revoke.mutationOptions());
  const [created, setCreated] = useState<{ token: string; apiToken: ApiToken } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  async function revokeToken(token: ApiToken) {
    setError(null);
    setDone(null);
    try {
      await revoke.mutateAsync({ id: token.id });
      await queryClient.invalidateQueries(trpc.auth.apiTokens.list.queryFilter());
      setConfirming(null);
      setDone(`Revoked “${token.name}”. Apps using it can no longer reach your account.`);
      heading.current?.focus();
    } catch (caught) {
      setError(generalErrorMessage(apiError(caught), `Outlay could not revoke “${token.name}”.`));
    }
  }

  const list = tokens.data ?? [];
  return (
    <SettingsSection
      id="api-tokens"
      title="API tokens"
      headingRef={heading}
      description={
        <>
          Let another app or a script read your spending through <code>@outlay/client</code>. Each
          token works until you revoke it or change your password.
        </>
      }
    >
      {created ? (
        <NewToken
          created={created}
          onDone={() => {
            setCreated(null);
            heading.current?.focus();
          }}
        />
      ) : (
        <CreateTokenForm
          onCreated={(result) => {
            setDone(null);
            setCreated(result);
            void queryClient.invalidateQueries(trpc.auth.apiTokens.list.queryFilter());
          }}
        />
      )}
      <h3 className="subheading">Your tokens</h3>
      {tokens.isPending ? (
        <LoadingRows label="Loading API tokens…" />
      ) : tokens.isError ? (
        <LoadError what="your API tokens" onRetry={() => void tokens.refetch()} />
      ) : list.length === 0 ? (
        <p className="empty-line">No API tokens yet.</p>
      ) : (
        <ul className="item-list" aria-label="API tokens">
          {list.map((token) => (
            <li key={token.id} className="item" data-token={token.name}>
              <div className="item-main">
                <p className="item-title">
                  <span>{token.name}</span>
                  <span className={token.scope === 'write' ? 'badge write' : 'badge'}>
                    {scopeLabel(token.scope)}
                  </span>
                </p>
                <p className="item-meta">
                  <span>
                    Created{' '}
                    <time dateTime={token.createdAt}>{format.dateTime(token.createdAt)}</time>
                  </span>
                  <span>
                    {token.lastUsedAt ? (
                      <>
                        Last used{' '}
                        <time dateTime={token.lastUsedAt} title={format.dateTime(token.lastUsedAt)}>
                          {format.relative(token.lastUsedAt)}
                        </time>
                      </>
                    ) : (
                      'Never used'
                    )}
                  </span>
                </p>
              </div>
              {confirming === token.id ? (
                <ConfirmBox
                  label={`Revoke ${token.name}?`}
                  action="Revoke token"
                  pending={revoke.isPending && 'Revoking…'}
                  disabled={revoke.isPending}
                  onConfirm={() => void revokeToken(token)}
                  onCancel={() => setConfirming(null)}
                  focus="cancel"
                >
                  <p>Revoke “{token.name}”? Apps using it stop working at once.</p>
                </ConfirmBox>
              ) : (
                <button
                  type="button"
                  className="button small"
                  onClick={() => {
                    setDone(null);
                    setConfirming(token.id);
                  }}
                >
                  Revoke<span className="visually-hidden"> {token.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError>{error}</FormError>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}

function CreateTokenForm({
  onCreated,
}: {
  onCreated: (created: { token: string; apiToken: ApiToken }) => void;
}) {
  const trpc = useTRPC();
  const create = useMutation(trpc.auth.apiTokens.create.mutationOptions());
  const fields = useFormFields({ name: '' });
  const { name } = fields.values;
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) {
      fields.showErrors({ name: 'Give the token a name, so you know later what uses it.' });
      return;
    }
    fields.showErrors({});
    try {
      onCreated(await create.mutateAsync({ name, scope }));
    } catch (caught) {
      const failure = apiError(caught);
      if (failure.fields.name) {
        fields.showErrors({ name: 'Use a name of up to 100 characters.' });
      } else {
        setFormError(generalErrorMessage(failure, 'Outlay could not create the token.'));
      }
    }
  }

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3 className="subheading">New token</h3>
      <NameField
        id="token-name"
        {...fields.bind('name')}
        hint="What will use it, for example “Budget spreadsheet”."
      />
      <fieldset className="choice-group">
        <legend className="field-label">Access</legend>
        {SCOPES.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name="token-scope"
              value={option.value}
              checked={scope === option.value}
              onChange={() => setScope(option.value)}
              aria-describedby={`token-scope-${option.value}`}
            />
            <span>
              <span className="choice-label">{option.label}</span>
              <span className="choice-description" id={`token-scope-${option.value}`}>
                {option.description}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormFooter
        error={formError}
        pending={create.isPending && 'Creating…'}
        label="Create token"
      />
    </form>
  );
}

function NewToken({
  created,
  onDone,
}: {
  created: { token: string; apiToken: ApiToken };
  onDone: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="callout accent reveal-once" data-new-token>
      <h3 ref={headingRef} tabIndex={-1} className="subheading">
        Copy your new token “{created.apiToken.name}” now
      </h3>
      <p>
        <strong>You won’t see it again:</strong> Outlay keeps only a fingerprint of it. If you lose
        it, revoke it and create another.
      </p>
      <div className="secret-row">
        <code id="new-token" className="secret">
          {created.token}
        </code>
        <CopyButton text={created.token} targetId="new-token" label="Copy token" />
      </div>
      <p className="muted small">
        {scopeLabel(created.apiToken.scope)}. Send it as <code>Authorization: Bearer …</code>, or
        pass it to <code>createOutlayClient</code> as <code>token</code>.
      </p>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
