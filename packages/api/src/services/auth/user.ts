import type { User } from '@outlay/contracts';
import type { UserRow } from '@outlay/db';

/** The signed-in user as procedures see it: the public `User` plus the session it came with. */
export interface AuthUser extends User {
  sessionId: string;
}

export function toUser(
  row: Pick<UserRow, 'id' | 'email' | 'display_name' | 'profile' | 'home_currency' | 'role'>,
): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    profile: row.profile,
    homeCurrency: row.home_currency,
    role: row.role,
  };
}
