// The one-line summary a clinical note opens with (issue #15 part 5): when,
// how and what was agreed, in the third person, with weekdays on dates, so a
// clinician scanning a record finds the gist in its first line. The detail
// below it is what the parser reads; this line is for people, and sits on the
// line that ends with the entry's machine-readable `[Chartguard id/version]`.
import { ATTENDANCE_LABELS, isAttendanceCode } from './attendance.js';
import type { Checklist, ChecklistField } from './model.js';
import { allFields } from './model-utils.js';
import type { ChecklistRecord } from './record.js';
import { localize, type Locale } from './text.js';

/** How a Chinese note names the person the service is for: an organisation setting (catalogue v2, Chinese wording). */
export type ClientTerm = '客户' | '来访者';

/** A Chinese text with the organisation's word for the client. */
export function withClientTerm(text: string, locale: Locale, term: ClientTerm | undefined): string {
  return locale === 'zh-CN' && term === '来访者' ? text.replaceAll('客户', '来访者') : text;
}

const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZH_WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Wed 10 Jun` / `6月10日（周三）` for a `YYYY-MM-DD…` answer; the answer as it is when it is no date. */
export function dayText(value: unknown, locale: Locale): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match) return String(value);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return locale === 'zh-CN' ? `${month}月${day}日（${ZH_WEEKDAYS[weekday]}）` : `${EN_WEEKDAYS[weekday]} ${day} ${EN_MONTHS[month - 1]}`;
}

/** A date and time with its weekday: `Wed 10 Jun 10:00` / `6月10日（周三）10:00`. */
export function dateTimeText(value: unknown, locale: Locale): string {
  if (typeof value !== 'string' || value.length < 16) return dayText(value, locale);
  return locale === 'zh-CN' ? `${dayText(value, locale)}${value.slice(11, 16)}` : `${dayText(value, locale)} ${value.slice(11, 16)}`;
}

/** The time alone when it falls on the same day as `sameDayAs`, else the date and time. */
function whenText(value: unknown, sameDayAs: unknown, locale: Locale): string {
  if (typeof value === 'string' && typeof sameDayAs === 'string' && value.length >= 16 && value.slice(0, 10) === sameDayAs.slice(0, 10))
    return value.slice(11, 16);
  return dateTimeText(value, locale);
}

const MAX_QUOTE = 100;
/** Free text in one line, cut at a word where it is long; the full text is in the detail. */
function quote(value: unknown): string {
  const text = String(value).replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_QUOTE) return text;
  const cut = text.slice(0, MAX_QUOTE);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_QUOTE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:，；：]+$/, '')}…`;
}

/** Ends a sentence with a full stop in the note's language, unless it already ends in one. */
function sentence(text: string, locale: Locale): string {
  if (locale === 'zh-CN') return /[。！？….!?]$/.test(text) ? text : `${text}。`;
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

interface Context {
  answers: ChecklistRecord;
  locale: Locale;
  term: string;
  option: (fieldId: string) => string | undefined;
  lower: (text: string | undefined) => string;
}

function context(checklist: Checklist, answers: ChecklistRecord, locale: Locale, clientTerm: ClientTerm | undefined): Context {
  const fields = new Map<string, ChecklistField>(allFields(checklist).map((field) => [field.id, field]));
  const option = (fieldId: string): string | undefined => {
    const value = answers[fieldId];
    const field = fields.get(fieldId);
    if (value === undefined || !field) return undefined;
    if (field.type === 'attendance')
      return isAttendanceCode(value) ? withClientTerm(localize(ATTENDANCE_LABELS[value], locale), locale, clientTerm) : String(value);
    const labelOf = (item: unknown) => {
      const found = field.options?.find((candidate) => candidate.value === item);
      return found ? localize(found.label, locale) : String(item);
    };
    return withClientTerm(
      Array.isArray(value) ? value.map(labelOf).join(locale === 'zh-CN' ? '、' : ', ') : labelOf(value),
      locale,
      clientTerm,
    );
  };
  // Option labels start with a capital; inside an English sentence they do not (acronyms such as SMS stay).
  const lower = (text: string | undefined) =>
    text === undefined ? '' : locale === 'en' && /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
  return { answers, locale, term: locale === 'zh-CN' ? (clientTerm ?? '客户') : 'client', option, lower };
}

type Summariser = (c: Context) => string[];

const snc: Summariser = ({ answers: a, locale, term, option, lower }) => {
  const out: string[] = [];
  const zh = locale === 'zh-CN';
  if (a.riskConcern === true) out.push(zh ? '已记录紧急风险问题（详见下文）' : 'Immediate risk concern recorded (see below)');
  out.push(
    zh
      ? `治疗师取消了${a.sessionAt ? `${dateTimeText(a.sessionAt, locale)}的` : ''}会谈`
      : `Session ${a.sessionAt ? `${dateTimeText(a.sessionAt, locale)} ` : ''}cancelled by therapist`,
  );
  if (a.notReachedYet === true) {
    if (a.reachedAt)
      out.push(
        zh
          ? `已于${whenText(a.reachedAt, a.sessionAt, locale)}联系上并告知${term}`
          : `Client reached and informed ${whenText(a.reachedAt, a.sessionAt, locale)}`,
      );
    else out.push(zh ? `尚未联系上${term}，已记录联系尝试` : 'Client not reached yet; attempts recorded');
  } else if (a.informedAt || a.contactMethod) {
    const preferred =
      a.preferredMethod === undefined
        ? ''
        : a.preferredMethod === a.contactMethod
          ? zh
            ? '（首选方式）'
            : ' (preferred)'
          : zh
            ? `（${term}首选：${option('preferredMethod')}）`
            : ` (preferred: ${lower(option('preferredMethod'))})`;
    const when = a.informedAt ? whenText(a.informedAt, a.sessionAt, locale) : '';
    const how = a.contactMethod ? option('contactMethod')! : '';
    out.push(
      zh
        ? `已${when ? `于${when}` : ''}${how ? `通过${how}` : ''}告知${term}${preferred}`
        : `Client informed${when ? ` ${when}` : ''}${how ? ` by ${lower(how)}` : ''}${preferred}`,
    );
  }
  if (a.rebookOutcome === 'rebooked')
    out.push(
      zh
        ? `已改约至${a.rebookedAt ? dateTimeText(a.rebookedAt, locale) : '新的时间'}`
        : `Rebooked${a.rebookedAt ? ` ${dateTimeText(a.rebookedAt, locale)}` : ''}`,
    );
  else if (a.rebookOutcome === 'client-declined') out.push(zh ? `${term}拒绝重新预约` : 'Client declined rebooking');
  else if (a.rebookOutcome === 'not-yet-possible')
    out.push(
      zh
        ? `治疗师将${a.recontactBy ? `于${dayText(a.recontactBy, locale)}前` : ''}联系${term}重新预约`
        : `Therapist to contact client to rebook${a.recontactBy ? ` by ${dayText(a.recontactBy, locale)}` : ''}`,
    );
  if (a.agreed !== undefined) out.push(zh ? `商定：${quote(a.agreed)}` : `Agreed: ${quote(a.agreed)}`);
  return out;
};

const fus: Summariser = ({ answers: a, locale, term, option, lower }) => {
  const out: string[] = [];
  const zh = locale === 'zh-CN';
  const when = a.sessionAt ? dateTimeText(a.sessionAt, locale) : '';
  if (a.sharingBasis !== undefined && a.sharingBasis !== 'consent')
    out.push(
      zh
        ? `未经${term}同意共享了信息（${option('sharingBasis')}）`
        : `Information shared without the client's consent (${lower(option('sharingBasis'))})`,
    );
  if (a.attendance === 'attended' || a.attendance === 'attended-late') {
    const late = a.attendance === 'attended-late';
    out.push(
      zh ? `${when}的会谈：${term}${late ? '迟到出席' : '已出席'}` : `Session ${when ? `${when} ` : ''}attended${late ? ' late' : ''}`,
    );
    if (a.sessionOutcome !== undefined) out.push(zh ? `结果：${quote(a.sessionOutcome)}` : `Outcome: ${quote(a.sessionOutcome)}`);
  } else if (a.attendance === 'did-not-attend') {
    out.push(zh ? `${term}未出席${when}的会谈` : `Client did not attend the session${when ? ` ${when}` : ''}`);
    if (a.dnaOutcome !== undefined) out.push(zh ? `跟进：${option('dnaOutcome')}` : `Follow-up: ${lower(option('dnaOutcome'))}`);
  } else if (a.attendance !== undefined) {
    out.push(zh ? `${when}的会谈：${option('attendance')!}` : `Session ${when ? `${when}: ` : ''}${lower(option('attendance'))}`);
  } else if (when) {
    out.push(zh ? `${when}的会谈` : `Session ${when}`);
  }
  if (a.nextAppointment === 'booked')
    out.push(
      zh
        ? `下次预约：${a.nextAppointmentAt ? dateTimeText(a.nextAppointmentAt, locale) : '已预约'}`
        : `Next appointment${a.nextAppointmentAt ? ` ${dateTimeText(a.nextAppointmentAt, locale)}` : ' booked'}`,
    );
  else if (a.nextAppointment === 'none')
    out.push(
      zh
        ? `没有下次预约${a.noNextReason !== undefined ? `：${quote(a.noNextReason)}` : ''}`
        : `No next appointment${a.noNextReason !== undefined ? `: ${quote(a.noNextReason)}` : ''}`,
    );
  return out;
};

const mv: Summariser = ({ answers: a, locale, option, lower }) => {
  const out: string[] = [];
  const zh = locale === 'zh-CN';
  const stage =
    a.stage === 'report'
      ? zh
        ? '护理员报告：'
        : 'Care worker’s report: '
      : a.stage === 'response'
        ? zh
          ? '办公室处理：'
          : 'Office response: '
        : '';
  const visit = [
    a.serviceUserName !== undefined ? quote(a.serviceUserName) : '',
    a.expectedVisitAt ? dateTimeText(a.expectedVisitAt, locale) : '',
  ]
    .filter(Boolean)
    .join(zh ? '，' : ', ');
  const what =
    a.arrivedLateSelf === true
      ? zh
        ? '原定护理员迟到，无需他人代班'
        : 'assigned worker arrived late; no cover needed'
      : a.attendance !== undefined
        ? zh
          ? option('attendance')!
          : lower(option('attendance'))
        : zh
          ? '未能按时探访'
          : 'visit not made as planned';
  const reason =
    a.nonVisitReason !== undefined ? (zh ? `，原因：${option('nonVisitReason')}` : `; reason: ${lower(option('nonVisitReason'))}`) : '';
  out.push(zh ? `${stage}${visit ? `${visit}：` : ''}${what}${reason}` : `${stage}${visit ? `${visit}: ` : ''}${what}${reason}`);
  if (a.welfareCheckResult !== undefined)
    out.push(
      zh
        ? `福祉检查${a.welfareCheckMethod !== undefined ? `（${option('welfareCheckMethod')}）` : ''}：${option('welfareCheckResult')}`
        : `Welfare check${a.welfareCheckMethod !== undefined ? ` (${lower(option('welfareCheckMethod'))})` : ''}: ${lower(option('welfareCheckResult'))}`,
    );
  if (a.reportedAt || a.reportedTo !== undefined) {
    const when = a.reportedAt ? whenText(a.reportedAt, a.expectedVisitAt, locale) : '';
    const who = [
      a.reportedTo !== undefined ? (zh ? option('reportedTo')! : lower(option('reportedTo'))) : '',
      a.reportedToName !== undefined ? quote(a.reportedToName) : '',
    ].filter(Boolean);
    out.push(
      zh
        ? `已${when ? `于${when}` : ''}向${who.join('（') + (who.length > 1 ? '）' : '')}报告`
        : `Reported${when ? ` ${when}` : ''}${who.length ? ` to ${who[0]}${who[1] ? ` (${who[1]})` : ''}` : ''}`,
    );
  }
  if (a.coverOutcome !== undefined)
    out.push(
      zh
        ? `补救：${option('coverOutcome')}${a.actualVisitAt ? `，实际探访时间${whenText(a.actualVisitAt, a.expectedVisitAt, locale)}` : ''}`
        : `Cover: ${lower(option('coverOutcome'))}${a.actualVisitAt ? `, visited ${whenText(a.actualVisitAt, a.expectedVisitAt, locale)}` : ''}`,
    );
  else if (a.arrivedLateSelf === true && a.actualVisitAt)
    out.push(
      zh
        ? `实际探访时间${whenText(a.actualVisitAt, a.expectedVisitAt, locale)}`
        : `Visited ${whenText(a.actualVisitAt, a.expectedVisitAt, locale)}`,
    );
  return out;
};

const cx: Summariser = ({ answers: a, locale, option, lower }) => {
  const out: string[] = [];
  const zh = locale === 'zh-CN';
  // The handover opens with its risk line (seed 003): the next worker reads it first.
  if (a.urgentRisks === 'identified') {
    out.push(
      zh
        ? `紧急风险：${a.riskDescription !== undefined ? quote(a.riskDescription) : '已发现'}`
        : `Urgent risks: ${a.riskDescription !== undefined ? quote(a.riskDescription) : 'identified'}`,
    );
    if (a.riskAction !== undefined) out.push(zh ? `已采取的行动：${quote(a.riskAction)}` : `Action taken: ${quote(a.riskAction)}`);
  } else if (a.urgentRisks === 'none') out.push(zh ? '紧急风险：未发现' : 'Urgent risks: none identified');
  if (a.visitType !== undefined) out.push(option('visitType')!);
  if (a.presentationReason !== undefined)
    out.push(zh ? `就诊原因：${quote(a.presentationReason)}` : `Reason: ${quote(a.presentationReason)}`);
  if (a.goal !== undefined) {
    const goal = a.goal === 'other' && a.goalOther !== undefined ? quote(a.goalOther) : zh ? option('goal')! : lower(option('goal'));
    const motivation = a.motivation !== undefined ? (zh ? `（${option('motivation')}）` : ` (${lower(option('motivation'))})`) : '';
    out.push(zh ? `目标：${goal}${motivation}` : `Goal: ${goal}${motivation}`);
  }
  if (a.plan !== undefined) out.push(zh ? `计划：${quote(a.plan)}` : `Plan: ${quote(a.plan)}`);
  if (a.returning === 'booked')
    out.push(
      zh
        ? `复诊：${a.returnOn ? dayText(a.returnOn, locale) : '已约定日期'}`
        : `Returning${a.returnOn ? ` ${dayText(a.returnOn, locale)}` : ' on a set date'}`,
    );
  else if (a.returning !== undefined) out.push(zh ? option('returning')! : option('returning')!);
  return out;
};

const ia: Summariser = ({ answers: a, locale, term, option, lower }) => {
  const out: string[] = [];
  const zh = locale === 'zh-CN';
  if (a.riskConcern === true)
    out.push(zh ? `担心${term}或他人的安全（安全计划详见下文）` : "Concern for the client's or others' safety (safety plan below)");
  const when = a.assessmentAt ? dateTimeText(a.assessmentAt, locale) : '';
  const head = zh ? `${when}初始评估` : `Initial assessment${when ? ` ${when}` : ''}`;
  if (a.suitability === 'suitable') out.push(zh ? `${head}：${term}适合本服务` : `${head}: client suitable for the service`);
  else if (a.suitability === 'not-suitable')
    out.push(
      zh
        ? `${head}：${term}不适合本服务${a.notSuitableReasons !== undefined ? `（${option('notSuitableReasons')}）` : ''}`
        : `${head}: client not suitable${a.notSuitableReasons !== undefined ? ` (${lower(option('notSuitableReasons'))})` : ''}`,
    );
  else out.push(head);
  if (a.nextStep !== undefined) {
    const to = a.referredTo !== undefined ? (zh ? `（${quote(a.referredTo)}）` : ` (${quote(a.referredTo)})`) : '';
    out.push(zh ? `后续安排：${option('nextStep')!}${to}` : `Next step: ${lower(option('nextStep'))}${to}`);
  }
  if (a.riskConcern === false) out.push(zh ? '无安全方面的担忧' : 'No safety concern');
  if (a.nextSessionAt)
    out.push(zh ? `下次会谈：${dateTimeText(a.nextSessionAt, locale)}` : `Next session ${dateTimeText(a.nextSessionAt, locale)}`);
  return out;
};

const SUMMARISERS: Record<string, Summariser> = { snc, fus, mv, cx, ia };

/**
 * The note's first line for the bundled checklists, in sentences; undefined for
 * another checklist (its note opens with its title, as before) or a record
 * with nothing to summarise.
 */
export function noteSummary(checklist: Checklist, answers: ChecklistRecord, locale: Locale, clientTerm?: ClientTerm): string | undefined {
  const summarise = SUMMARISERS[checklist.id];
  // Nothing answered yet: the note opens with the checklist's title, as a blank form would.
  if (!summarise || Object.keys(answers).length === 0) return undefined;
  const parts = summarise(context(checklist, answers, locale, clientTerm)).filter((part) => part.trim() !== '');
  if (!parts.length) return undefined;
  const line = parts.map((part) => sentence(part, locale)).join(locale === 'zh-CN' ? '' : ' ');
  // The organisation's word is already in (option labels and the summary's own words); quoted text stays as typed.
  return line.replace(/[\s\u2028\u2029]+/g, ' ').trim();
}
