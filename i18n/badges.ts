// The list badges' words bound for lookup, loaded by the content script's
// badges feature only. Badge names, markers and durations are the SDK's words,
// copied into the badge files (the SDK's message tables stay out of the list
// script) and held level with them by test/portal-content/badges-text.test.ts,
// so the list, the panel and audits agree.
import type { NoteBadge } from '@chartguard/sdk/runtime';
import { badges as en } from './en/badges';
import { t, type Locale, type Values } from './index';
import { badges as zhCN } from './zh-CN/badges';

export const badgeTexts = { en, 'zh-CN': zhCN };
export type BadgeKey = keyof typeof en;

export interface BadgeText {
  locale: Locale;
  t(key: BadgeKey, values?: Values): string;
  badge(badge: NoteBadge): string;
  /** The markers beside a badge, in words: `late`, `risk recorded`, `overridden`, `2 open`. */
  markers(markers: { late: boolean; riskRecorded: boolean; overridden: boolean; open: number }): string[];
  count(n: number): string;
  /** A duration as the SDK's formatDuration writes it: `45 min`, `5 h 10 min`, `3 d`. */
  duration(minutes: number): string;
}

/** Both languages group thousands with commas, so no Intl.NumberFormat is built (docs/performance.md). */
const groupThousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function badgeText(locale: Locale): BadgeText {
  const say = (key: BadgeKey, values?: Values) => t(badgeTexts, locale, key, values);
  return {
    locale,
    t: say,
    badge: (badge) => say(`badge.${badge}`),
    markers: (markers) => {
      const out: string[] = [];
      if (markers.late) out.push(say('marker.late'));
      if (markers.riskRecorded) out.push(say('marker.riskRecorded'));
      if (markers.overridden) out.push(say('marker.overridden'));
      if (markers.open > 0) out.push(say('marker.open', { n: markers.open }));
      return out;
    },
    count: groupThousands,
    duration: (minutes) => {
      const m = Math.max(0, Math.round(minutes));
      if (m < 60) return say('duration.minutes', { n: m });
      if (m < 48 * 60) {
        const hours = say('duration.hours', { n: Math.floor(m / 60) });
        return m % 60 ? `${hours} ${say('duration.minutes', { n: m % 60 })}` : hours;
      }
      return say('duration.days', { n: Math.floor(m / 1440) });
    },
  };
}
