/**
 * The demo logins, shown on the sign-in page and pointed to from an empty account, unless the
 * build turns the hint off (VITE_OUTLAY_DEMO_HINT=false): a real deployment has no demo people.
 */
export const DEMO_LOGINS = [
  { email: 'john.doe@example.com', profile: 'practical' },
  { email: 'jane.doe@example.com', profile: 'social' },
  { email: 'charlie@example.com', profile: 'lifestyle' },
];
export const DEMO_PASSWORD = 'password123';
export const showDemoHint = import.meta.env.VITE_OUTLAY_DEMO_HINT !== 'false';
