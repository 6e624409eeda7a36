import type { ApiTokenScope, User } from '@outlay/contracts';
import type { UserRow } from '@outlay/db';

/** How the request proved who it is: a sign-in session's access token, or an API token. */
export type Credential =
  | { kind: 'session'; sessionId: string }
  | { kind: 'api-token'; tokenId: string; scope: ApiTokenScope };

/** The signed-in user as procedures see it: the public `User` and the credential used. */
export interface AuthUser extends User {
  credential: Credential;
  /** `users.data_version` as this request read it (services/metrics/metrics-cache.ts). */
  dataVersion: number;
}

export type UserColumns = Pick<
  UserRow,
  'id' | 'email' | 'display_name' | 'profile' | 'home_currency' | 'role'
>;

export const USER_COLUMNS = [
  'u.id',
  'u.email',
  'u.display_name',
  'u.profile',
  'u.home_currency',
  'u.role',
] as const;

export function toUser(row: UserColumns): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    profile: row.profile,
    homeCurrency: row.home_currency,
    role: row.role,
  };
}
