// The badges' own words in each language the SDK supports; badge names and
// issue messages come from the SDK so the list, the panel and audits agree.
import { format, message, type Locale, type NoteBadge } from '@chartguard/sdk/runtime';

const en = {
  brand: 'Chartguard',
  needAction: '{n} of {total} records need action',
  needActionOne: '1 of {total} records needs action',
  noneNeedAction: 'No record needs action ({total} checked)',
  needActionShown: '{n} of {total} rows shown need action',
  needActionShownOne: '1 of {total} rows shown needs action',
  noneNeedActionShown: 'No row shown needs action ({total} shown)',
  listTotal: '{total} in the list; rows are checked as they are shown',
  listMore: 'The list may hold more rows; they are checked as they are shown',
  brandFor: 'Chartguard: {name}',
  breakdown: '{attention} attention · {overdue} overdue · {missing} missing · {incomplete} incomplete · {check} to check',
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
  missingNote: 'No note yet, though the attendance code needs one (G-03).',
  followUp: 'Follow-up',
  unreadCheck: 'A person must read this note: {n} line(s) could not be read, or a question is answered twice differently (G-06).',
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
  needActionShown: '显示的 {total} 行中有 {n} 行需要处理',
  needActionShownOne: '显示的 {total} 行中有 1 行需要处理',
  noneNeedActionShown: '显示的行均无需处理（显示 {total} 行）',
  listTotal: '列表共 {total} 行；各行在显示时检查',
  listMore: '列表可能还有更多行；各行在显示时检查',
  brandFor: 'Chartguard：{name}',
  breakdown: '{attention} 条需关注 · {overdue} 条逾期 · {missing} 条缺失 · {incomplete} 条不完整 · {check} 条需核对',
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
  missingNote: '出席情况要求撰写记录，但尚无记录（G-03）。',
  followUp: '待跟进',
  unreadCheck: '需要人工阅读此记录：有 {n} 行无法读取，或同一问题有两个不同的答案（G-06）。',
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
  /** The markers beside a badge, in words: `late`, `risk recorded`, `overridden`, `2 open`. */
  markers(markers: { late: boolean; riskRecorded: boolean; overridden: boolean; open: number }): string[];
  count(n: number): string;
}

/** Both languages group thousands with commas, so no Intl.NumberFormat is built (docs/performance.md). */
const groupThousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function badgeText(locale: Locale): BadgeText {
  return {
    locale,
    t: (key, values = {}) => format(tables[locale][key] ?? en[key], values),
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
