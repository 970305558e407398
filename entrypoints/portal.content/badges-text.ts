// The badges' own words in each language the SDK supports; badge names and
// issue messages come from the SDK so the list, the panel and audits agree.
import { format, message, type Locale, type NoteBadge } from '@chartguard/sdk/runtime';

const en = {
  brand: 'Chartguard',
  needAction: '{n} of {total} records need action',
  needActionOne: '1 of {total} records needs action',
  noneNeedAction: 'No record needs action ({total} checked)',
  breakdown: '{attention} attention · {overdue} overdue · {incomplete} incomplete',
  unstructuredCount: '{n} not structured',
  checking: 'Checking {done} of {total}…',
  showOnly: 'Show only these',
  showAll: 'Show all records',
  record: 'Record {id}',
  badgeFor: '{badge}: record {id}',
  badgeForNoId: '{badge}',
  overdueBy: 'Overdue by {late} (due {due}).',
  recordedLate: 'Written {late} after the deadline ({due}).',
  noHeader: 'Written outside Chartguard: the note has no Chartguard header, so it is not graded against a checklist.',
  emptyNote: 'No note has been written for this record yet.',
  unknownChecklist: 'The note names checklist “{id}”, which this browser does not have.',
  unreadLines: '{n} line(s) of the note could not be read; what they say counts as missing.',
  advisory: 'Advice',
  allDone: 'Every required item is recorded.',
} as const;

type Key = keyof typeof en;

const zhCN: Record<Key, string> = {
  brand: 'Chartguard',
  needAction: '{total} 条记录中有 {n} 条需要处理',
  needActionOne: '{total} 条记录中有 1 条需要处理',
  noneNeedAction: '没有需要处理的记录（已检查 {total} 条）',
  breakdown: '{attention} 条需关注 · {overdue} 条逾期 · {incomplete} 条不完整',
  unstructuredCount: '{n} 条非结构化',
  checking: '正在检查 {done} / {total}…',
  showOnly: '只显示这些',
  showAll: '显示全部记录',
  record: '记录 {id}',
  badgeFor: '{badge}：记录 {id}',
  badgeForNoId: '{badge}',
  overdueBy: '已逾期 {late}（截止 {due}）。',
  recordedLate: '在截止时间（{due}）之后 {late} 才撰写。',
  noHeader: '在 Chartguard 之外撰写：记录没有 Chartguard 标头，因此未按检查清单评分。',
  emptyNote: '此记录尚未撰写任何记录内容。',
  unknownChecklist: '记录指明的检查清单“{id}”在此浏览器中不可用。',
  unreadLines: '记录中有 {n} 行无法读取；其内容视为缺失。',
  advisory: '建议',
  allDone: '所有必填项均已记录。',
};

const tables: Record<Locale, Record<Key, string>> = { en, 'zh-CN': zhCN };

export interface BadgeText {
  locale: Locale;
  t(key: Key, values?: Record<string, string | number>): string;
  badge(badge: NoteBadge): string;
  count(n: number): string;
}

/** Both languages group thousands with commas; Intl.NumberFormat would cost milliseconds to build. */
const groupThousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function badgeText(locale: Locale): BadgeText {
  return {
    locale,
    t: (key, values = {}) => format(tables[locale][key] ?? en[key], values),
    badge: (badge) => message(locale, `badge.${badge}`),
    count: groupThousands,
  };
}
