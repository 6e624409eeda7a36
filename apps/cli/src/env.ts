/**
 * The environment, read once at start-up: nothing else in the CLI reads `process.env`.
 */
import { homedir } from 'node:os';

export interface CliEnv {
  /** Overrides the stored login's server. */
  OUTLAY_URL?: string;
  /** Overrides the stored login's token. */
  OUTLAY_TOKEN?: string;
  XDG_CONFIG_HOME?: string;
  HOME: string;
  /** A BCP 47 locale for numbers and money, from LC_ALL, LC_MONETARY or LANG. */
  locale: string;
}

/**
 * `de_DE.UTF-8` → `de-DE`. Node's Intl does not read the POSIX locale variables itself (its
 * default is an undetermined locale that writes "US$ 1,234.50"), so the CLI does; "C", "POSIX"
 * and anything Intl does not know fall back to en-US.
 */
export function localeFrom(posix: string | undefined): string {
  const tag = (posix ?? '').split(/[.@]/)[0]?.replace(/_/g, '-') ?? '';
  if (tag === '' || tag === 'C' || tag === 'POSIX') return 'en-US';
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag])[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

export function readEnv(env: NodeJS.ProcessEnv): CliEnv {
  const value = (name: string) => env[name]?.trim() || undefined;
  const outlayUrl = value('OUTLAY_URL');
  const outlayToken = value('OUTLAY_TOKEN');
  const xdgConfigHome = value('XDG_CONFIG_HOME');
  return {
    ...(outlayUrl ? { OUTLAY_URL: outlayUrl } : {}),
    ...(outlayToken ? { OUTLAY_TOKEN: outlayToken } : {}),
    ...(xdgConfigHome ? { XDG_CONFIG_HOME: xdgConfigHome } : {}),
    HOME: value('HOME') ?? homedir(),
    locale: localeFrom(value('LC_ALL') ?? value('LC_MONETARY') ?? value('LANG')),
  };
}
