// The list badges' words bound for lookup, loaded by the content script's
// badges feature only; badge names and issue messages come from the SDK so
// the list, the panel and audits agree.
import { message, type NoteBadge } from '@chartguard/sdk/runtime';
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
}

/** Both languages group thousands with commas, so no Intl.NumberFormat is built (docs/performance.md). */
const groupThousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function badgeText(locale: Locale): BadgeText {
  return {
    locale,
    t: (key, values) => t(badgeTexts, locale, key, values),
    badge: (badge) => message(locale, `badge.${badge}`),
    markers: (markers) => {
      const out: string[] = [];
      if (markers.late) out.push(message(locale, 'marker.late'));
      if (markers.riskRecorded) out.push(message(locale, 'marker.riskRecorded'));
      if (markers.overridden) out.push(message(locale, 'marker.overridden'));
      if (markers.open > 0) out.push(message(locale, 'marker.open', { n: markers.open }));
      return out;
    },
    count: groupThousands,
  };
}
