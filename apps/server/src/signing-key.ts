import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyPem } from '@outlay/api';

/**
 * The token signing key: from configuration, or generated on the first start and kept in the data
 * directory (mode 0600) so sessions survive restarts. Several instances must share a configured key.
 */
export function loadSigningKey(
  configured: string | undefined,
  dataDir: string,
): { pem: string; source: string } {
  if (configured) return { pem: configured, source: 'OUTLAY_JWT_PRIVATE_KEY' };
  const path = join(dataDir, 'keys', 'jwt-ed25519.pem');
  if (existsSync(path)) return { pem: readFileSync(path, 'utf8'), source: path };
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const pem = generateSigningKeyPem();
  writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  return { pem, source: `${path} (generated)` };
}
