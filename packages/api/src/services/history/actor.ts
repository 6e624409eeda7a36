import type { ChangeSetActor } from '@outlay/db';
import type { AuthUser } from '../auth/user.ts';

/** The caller of a write, as services receive it: who they are and how they signed in. */
export type Writer = Pick<AuthUser, 'id' | 'credential'>;

/** Who a change set records as its actor: the user for a session, the token for an API token. */
export function actorOf(user: Writer): ChangeSetActor {
  return user.credential.kind === 'api-token'
    ? { kind: 'token', id: user.credential.tokenId }
    : { kind: 'user', id: user.id };
}
