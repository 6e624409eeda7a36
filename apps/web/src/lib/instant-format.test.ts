import { describe, expect, it } from 'vitest';
import { createInstantFormatters, relativeTime } from './instant-format.ts';

const now = Date.parse('2026-03-05T12:00:00Z');
const rtf = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it('names the largest whole unit', () => {
    expect(relativeTime(ago(20), now, rtf)).toBe('now');
    expect(relativeTime(ago(90), now, rtf)).toBe('1 minute ago');
    expect(relativeTime(ago(59 * 60), now, rtf)).toBe('59 minutes ago');
    expect(relativeTime(ago(3 * 3600), now, rtf)).toBe('3 hours ago');
    expect(relativeTime(ago(26 * 3600), now, rtf)).toBe('yesterday');
    expect(relativeTime(ago(9 * 86_400), now, rtf)).toBe('last week');
    expect(relativeTime(ago(400 * 86_400), now, rtf)).toBe('last year');
    expect(relativeTime(ago(-2 * 3600), now, rtf)).toBe('in 2 hours');
  });

  it('formats an instant in the locale (the tests run in UTC)', () => {
    expect(createInstantFormatters('en-US').dateTime('2026-03-05T14:07:00Z')).toBe(
      'Mar 5, 2026, 2:07 PM',
    );
    expect(createInstantFormatters('en-US').preciseDateTime('2026-03-05T14:07:31Z')).toBe(
      'Mar 5, 2026, 2:07:31 PM',
    );
  });
});
