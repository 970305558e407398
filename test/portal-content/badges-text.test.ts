// The list's badge names, markers and durations are the SDK's words, copied
// into i18n/<locale>/badges.ts so the list script need not carry the SDK's
// message tables (issue 18): held level with the SDK here, so the list, the
// panel and audits keep saying the same.
import { describe, expect, it } from 'vitest';
import { formatDuration, LOCALES, message, messages, type MessageKey, type NoteBadge } from '@chartguard/sdk/runtime';
import { badgeText, badgeTexts } from '../../i18n/badges';

const BADGES: NoteBadge[] = ['attention', 'overdue', 'missing', 'incomplete', 'check', 'complete', 'unstructured'];

describe.each(LOCALES)('the badge words in %s', (locale) => {
  const text = badgeText(locale);

  it('are the SDK’s, key for key', () => {
    const copied = Object.keys(badgeTexts[locale]).filter((key) => /^(badge|marker|duration)\./.test(key));
    const sdk = Object.keys(messages[locale]).filter((key) => /^(badge|marker|duration)\./.test(key));
    expect(copied.sort()).toEqual(sdk.sort());
    for (const key of copied)
      expect(badgeTexts[locale][key as keyof (typeof badgeTexts)['en']], key).toBe(messages[locale][key as MessageKey]);
  });

  it('name badges and markers, and write durations, as the SDK does', () => {
    for (const badge of BADGES) expect(text.badge(badge)).toBe(message(locale, `badge.${badge}`));
    expect(text.markers({ late: true, riskRecorded: true, overridden: true, open: 2 })).toEqual([
      message(locale, 'marker.late'),
      message(locale, 'marker.riskRecorded'),
      message(locale, 'marker.overridden'),
      message(locale, 'marker.open', { n: 2 }),
    ]);
    for (const minutes of [0, 1, 59.6, 60, 61, 125, 47 * 60 + 59, 48 * 60, 5 * 1440 + 7, -3])
      expect(text.duration(minutes)).toBe(formatDuration(minutes, locale));
  });
});
