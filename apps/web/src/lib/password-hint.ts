/**
 * The one rule a new password must meet, in words: the server's (8–1024 characters, anything
 * allowed, the most common passwords refused). No composition rules to list.
 */
export const PASSWORD_HINT = 'At least 8 characters; a passphrase works well.';
