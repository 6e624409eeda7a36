import { describe, expect, it } from 'vitest';
import { localeFrom, readEnv } from './env.ts';

describe('the environment', () => {
  it('turns POSIX locale names into the locale money is written in', () => {
    expect(localeFrom('de_DE.UTF-8')).toBe('de-DE');
    expect(localeFrom('en_GB')).toBe('en-GB');
    expect(localeFrom('fr_FR.UTF-8@euro')).toBe('fr-FR');
    expect(localeFrom('C.UTF-8')).toBe('en-US');
    expect(localeFrom('POSIX')).toBe('en-US');
    expect(localeFrom(undefined)).toBe('en-US');
    expect(localeFrom('not a locale!')).toBe('en-US');
  });

  it('takes LC_ALL over LC_MONETARY over LANG, and ignores blank values', () => {
    expect(readEnv({ HOME: '/h', LANG: 'de_DE', LC_MONETARY: 'fr_FR' }).locale).toBe('fr-FR');
    expect(readEnv({ HOME: '/h', LANG: 'de_DE', LC_ALL: 'en_GB' }).locale).toBe('en-GB');
    expect(readEnv({ HOME: '/h', OUTLAY_URL: '  ', OUTLAY_TOKEN: '' })).toEqual({
      HOME: '/h',
      locale: 'en-US',
    });
  });
});
