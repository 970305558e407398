// The clinical note as plain text: readable by a clinician in the portal
// (headings, one fact a line) and readable back by the SDK, so badges can be
// computed from the page and a note can be reopened for editing or handover.
import { readLocale, type LocaleTag } from './inputs.js';
import { ATTENDANCE_LABELS, attendanceFromText } from './attendance.js';
import { compileChecklist } from './rules.js';
import { isEntryMetaLine } from './entry-lines.js';
import { message } from './locales/index.js';
import type { Checklist, ChecklistField } from './model.js';
import { noteSummary, withClientTerm, type ClientTerm } from './note-summary.js';
import { isLocalDateTime, normalizeRecord, type Answer, type ChecklistRecord } from './record.js';
import { LOCALES, localize, type Locale } from './text.js';

/** Continuation lines of a multi-line answer are indented by this much, so no answer can pose as a label or heading. */
const INDENT = '    ';
const HEADER_START = '[Chartguard ';

export interface RenderOptions {
  locale?: LocaleTag;
  /** How a Chinese note names the client, `客户` (default) or `来访者`: an organisation setting. Notes read back either way. */
  clientTerm?: ClientTerm;
}

export type { ClientTerm };

function renderValue(field: ChecklistField, value: Answer, locale: Locale): string {
  switch (field.type) {
    case 'boolean':
      // Only a real boolean becomes Yes/No: the string "false" must not turn into "Yes".
      return typeof value === 'boolean' ? message(locale, value ? 'value.yes' : 'value.no') : String(value);
    case 'choice':
      return localize(
        field.options!.find((option) => option.value === value)?.label ?? { en: String(value), 'zh-CN': String(value) },
        locale,
      );
    case 'multichoice':
      return [value]
        .flat()
        .map(String)
        .map((item) => localize(field.options!.find((option) => option.value === item)?.label ?? { en: item, 'zh-CN': item }, locale))
        .join(locale === 'zh-CN' ? '；' : '; ');
    case 'attendance':
      return ATTENDANCE_LABELS[value as keyof typeof ATTENDANCE_LABELS]
        ? localize(ATTENDANCE_LABELS[value as keyof typeof ATTENDANCE_LABELS], locale)
        : String(value);
    case 'datetime':
      return String(value).replace('T', ' ');
    default:
      return String(value);
  }
}

/**
 * Writes a record as a clinical note in the chosen language: a one-line
 * summary (when, how, what was agreed) ending in the entry's tag, then the
 * detail section by section, the questions answered "no" folded into one line.
 */
export function renderNote(checklist: Checklist, record: Record<string, unknown>, options: RenderOptions = {}): string {
  const locale = readLocale(options.locale);
  const answers = normalizeRecord(checklist, record);
  return [
    noteHeader(checklist, locale, noteSummary(checklist, answers, locale, options.clientTerm)),
    ...renderBody(checklist, answers, locale, undefined, options.clientTerm),
  ].join('\n');
}

/**
 * The line that identifies a Chartguard entry: the summary (or the checklist's
 * title) followed by `[Chartguard id/version]`, which the reader looks for at
 * the end of the line, so the tag stays machine-readable without leading it.
 */
export function noteHeader(checklist: Checklist, locale: Locale, summary?: string): string {
  return message(locale, 'note.header', {
    title: summary ?? localize(checklist.title, locale),
    id: checklist.id,
    version: checklist.version,
  });
}

/**
 * The sections of a note with their answered questions (only those in `only`,
 * when given), each section after a blank line; yes/no questions answered
 * "no" are folded into one line after them (`Answered no: …`), which the
 * reader reads back as those answers.
 */
export function renderBody(
  checklist: Checklist,
  answers: ChecklistRecord,
  locale: Locale,
  only?: ReadonlySet<string>,
  clientTerm?: ClientTerm,
): string[] {
  const lines: string[] = [];
  const negatives: string[] = [];
  // Chinese notes take Chinese punctuation (catalogue v2): a full-width colon, no space.
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const term = (text: string) => withClientTerm(text, locale, clientTerm);
  for (const section of checklist.sections) {
    const body: string[] = [];
    for (const field of section.fields) {
      const value = answers[field.id];
      if (value === undefined || (only && !only.has(field.id))) continue;
      const label = term(localize(field.label, locale));
      if (field.type === 'boolean' && value === false && !/[;；]/.test(label)) {
        negatives.push(label);
        continue;
      }
      // The organisation's word for the client goes into labels, never into what the clinician typed.
      const typed = field.type === 'text' || field.type === 'longtext';
      const text = typed ? renderValue(field, value, locale) : term(renderValue(field, value, locale));
      if (!text.includes('\n') && text === text.trim()) body.push(`${label}${colon}${text}`);
      else body.push(`${label}${colon.trim()}`, ...text.split('\n').map((line) => INDENT + line));
    }
    if (body.length) lines.push('', `== ${term(localize(section.title, locale))} ==`, ...body);
  }
  if (negatives.length) lines.push('', message(locale, 'note.negatives', { items: negatives.join(locale === 'zh-CN' ? '；' : '; ') }));
  return lines;
}

export interface UnreadLine {
  /** 1-based line number in the note. */
  line: number;
  text: string;
  reason: string;
}

export interface ParsedNote {
  /** The checklist named in the note's header, if it has one. */
  checklistId?: string;
  version?: number;
  /** True when the note carries a Chartguard header; hand-written notes are read line by line but are not structured. */
  structured: boolean;
  answers: ChecklistRecord;
  unread: UnreadLine[];
  /**
   * Other answers the note gives to a question, by field id: a second, different
   * answer in one entry, or an answer an amendment replaced (G-06). `answers`
   * keeps the first (or the amended) one; a grader looks here so a risk written
   * anywhere in the note is not hidden by an earlier "no".
   */
  alternatives?: Record<string, Answer[]>;
}

/** A field's label in one language, with what reading its answer needs. */
interface Label {
  text: string;
  field: ChecklistField;
  /** The field's place in compileChecklist's field order, where a reading keeps its answer (see NoteReading). */
  slot: number;
  /** Normalised option label (any language), exact label or value → option value; for fields with options. */
  options: Map<string, string> | undefined;
}

interface LabelIndex {
  /** The checklist's fields in compileChecklist's order: a reading's answers are kept in this order, by slot. */
  fields: ChecklistField[];
  labels: Label[];
  /**
   * Labels without a colon in them, by length: a line's label ends at its
   * first colon, so one or two candidates are compared in place (no slice of
   * the line to hash) instead of scanning every label.
   */
  byLength: (Label[] | undefined)[];
  /** Labels that do contain a colon: lines starting with one of them take the slow path. */
  colonLabels: string[];
  /** Every label folded (see fold), for lines a person retyped: other case, other separator, extra spaces; and each label as written. */
  folded: Map<string, Label>;
}

const indexes = new WeakMap<Checklist, LabelIndex>();

/** A Chinese text with 来访者 for 客户, as an organisation that chose that word writes it. */
const asVisitor = (text: string) => withClientTerm(text, 'zh-CN', '来访者');
/**
 * Wording notes used before catalogue v2 (出席情况, not 出勤情况; labels in the
 * third person, not "I" or "you"), as [now, before]: labels and options are
 * also read in their earlier words, so notes written before still read.
 */
const FORMER_WORDS: readonly (readonly [string, string])[] = [
  ['出席', '出勤'],
  ['The therapist will contact', 'I will contact'],
  ['the therapist will contact', 'I will contact'],
  ['治疗师将', '我将'],
  ["The practitioner's skills", 'Your skills'],
  ['从业者的技能', '您的技能'],
  ['continue with the practitioner', 'continue with you'],
  ['与该从业者合作', '与您合作'],
];
const asWritten = (text: string) => FORMER_WORDS.reduce((out, [now, before]) => out.replaceAll(now, before), text);

function optionsOf(field: ChecklistField): Map<string, string> | undefined {
  if (!field.options) return undefined;
  const map = new Map<string, string>();
  for (const option of field.options) {
    for (const locale of LOCALES) map.set(normal(localize(option.label, locale)), option.value);
    map.set(normal(asVisitor(localize(option.label, 'zh-CN'))), option.value);
    for (const locale of LOCALES) map.set(normal(asWritten(localize(option.label, locale))), option.value);
  }
  for (const option of field.options) map.set(option.value, option.value);
  // Labels exactly as renderNote writes them, so most notes are read without lower-casing anything.
  for (const option of field.options) {
    for (const locale of LOCALES) {
      const label = localize(option.label, locale).trim();
      if (!map.has(label)) map.set(label, option.value);
    }
  }
  return map;
}

function labelIndex(checklist: Checklist): LabelIndex {
  let index = indexes.get(checklist);
  if (!index) {
    const { fields } = compileChecklist(checklist);
    const labels = fields.flatMap((field, slot) => {
      const options = optionsOf(field);
      const texts = LOCALES.map((locale) => localize(field.label, locale));
      // A Chinese note may call the client 来访者 (an organisation setting): both words read.
      return [...new Set([...texts, ...texts.map(asVisitor), ...texts.map(asWritten)])].map(
        (text): Label => ({ text, field, slot, options }),
      );
    });
    // Longest first, so a label that extends another wins.
    labels.sort((a, b) => b.text.length - a.text.length);
    const byLength: (Label[] | undefined)[] = [];
    for (const label of labels) {
      if (/[:：]/.test(label.text)) continue;
      const same = byLength[label.text.length];
      if (!same) {
        byLength[label.text.length] = [label];
        continue;
      }
      // Two fields with one label: the later one wins, as it always has.
      const at = same.findIndex((other) => other.text === label.text);
      if (at >= 0) same[at] = label;
      else same.push(label);
    }
    const colonLabels = labels.filter(({ text }) => /[:：]/.test(text)).map(({ text }) => text);
    const folded = new Map<string, Label>();
    for (const label of labels) folded.set(fold(label.text), label);
    // Each label as written too, to what its folded form gives: a line as renderNote wrote it is read without folding. No folded text has other case or spacing, so these keys add no match to a folded lookup.
    for (const label of labels) folded.set(label.text, folded.get(fold(label.text))!);
    index = { fields, labels, byLength, colonLabels, folded };
    indexes.set(checklist, index);
  }
  return index;
}

// Locale-independent on purpose: the same note must read the same on every machine.
const normal = (text: string) => text.trim().toLowerCase();
/** A label as a person may retype it: any case, runs of white space as one space. */
const fold = (text: string) => normal(text.replace(/\s+/g, ' '));

/** Where a retyped line may separate its label from its answer: a colon (either width) or a dash between spaces, with any spaces around. */
const LENIENT_SEPARATOR = /\s*[:：]\s*|\s+[-–—](?:\s+|$)/g;

/** "Answered no" in every language, folded, without its colon. */
let negativePrefixes: Set<string> | undefined;
/** "Answered no:" in every language as renderNote writes it, up to its colon. */
let writtenNegatives: string[] | undefined;

/**
 * The yes/no questions a line answers "no" (`Answered no: A; B`), read as
 * leniently as a label; undefined when the line is no such line. `unknown`
 * when an item is no yes/no question of the checklist.
 */
function readNegatives(line: string, folded: ReadonlyMap<string, Label>): { labels: Label[]; unknown: boolean } | undefined {
  negativePrefixes ??= new Set(
    LOCALES.map((locale) =>
      fold(message(locale, 'note.negatives', { items: '' }))
        .replace(/[:：]$/, '')
        .trim(),
    ),
  );
  writtenNegatives ??= LOCALES.map((locale) => message(locale, 'note.negatives', { items: '' }).trimEnd()).filter(
    (prefix) => negativesAt(prefix)?.itemsAt === prefix.length,
  );
  // As renderNote writes it, the line is read without the separator's expression or a fold of its start; white space after the colon is trimmed off the first item either way.
  let itemsAt = -1;
  for (const prefix of writtenNegatives) if (line.startsWith(prefix)) itemsAt = prefix.length;
  if (itemsAt < 0) itemsAt = negativesAt(line)?.itemsAt ?? -1;
  if (itemsAt < 0) return undefined;
  const labels: Label[] = [];
  let unknown = false;
  // Items between semicolons (either width), each sliced once without the white space around it, as trim would leave it.
  let semicolon = line.indexOf(';', itemsAt);
  let wideSemicolon = line.indexOf('；', itemsAt);
  for (let at = itemsAt; at <= line.length; ) {
    if (semicolon >= 0 && semicolon < at) semicolon = line.indexOf(';', at);
    if (wideSemicolon >= 0 && wideSemicolon < at) wideSemicolon = line.indexOf('；', at);
    const stop =
      semicolon < 0
        ? wideSemicolon < 0
          ? line.length
          : wideSemicolon
        : wideSemicolon < 0
          ? semicolon
          : Math.min(semicolon, wideSemicolon);
    let from = at;
    let to = stop;
    at = stop + 1;
    while (from < to && trimmable(line.charCodeAt(from))) from++;
    while (to > from && trimmable(line.charCodeAt(to - 1))) to--;
    if (from === to) continue;
    const item = line.slice(from, to);
    const label = folded.get(item) ?? folded.get(fold(item));
    if (label && label.field.type === 'boolean') labels.push(label);
    else unknown = true;
  }
  return { labels, unknown };
}

/** Where the items of an "Answered no" line start, after its first separator; undefined when the text before that separator is not "Answered no". */
function negativesAt(line: string): { itemsAt: number } | undefined {
  LENIENT_SEPARATOR.lastIndex = 0;
  const match = LENIENT_SEPARATOR.exec(line);
  if (!match || !negativePrefixes!.has(fold(line.slice(0, match.index)))) return undefined;
  return { itemsAt: match.index + match[0].length };
}

/**
 * The label of a line a person edited (G-06: "informed at - 08:30",
 * "HOW THE CLIENT WAS INFORMED : Phone"), and where its answer starts: the
 * first separator whose text before it, folded, is a label. Indented lines
 * belong to a multi-line answer and are not read this way.
 */
function lenientLabel(line: string, folded: ReadonlyMap<string, Label>): { label: Label; valueAt: number } | undefined {
  if (line.startsWith(INDENT) || line.startsWith('\t')) return undefined;
  LENIENT_SEPARATOR.lastIndex = 0;
  for (let match = LENIENT_SEPARATOR.exec(line); match; match = LENIENT_SEPARATOR.exec(line)) {
    const label = match.index > 0 ? folded.get(fold(line.slice(0, match.index))) : undefined;
    if (label) return { label, valueAt: match.index + match[0].length };
    if (match[0].length === 0) LENIENT_SEPARATOR.lastIndex++;
  }
  return undefined;
}

let booleanWords: Map<string, boolean> | undefined;
/** Yes/No in every language, and true/false, as the answers they stand for. */
function readBoolean(text: string): boolean | undefined {
  if (!booleanWords) {
    booleanWords = new Map();
    for (const locale of LOCALES) {
      booleanWords.set(normal(message(locale, 'value.yes')), true);
      booleanWords.set(normal(message(locale, 'value.no')), false);
    }
    booleanWords.set('true', true).set('false', false);
    // As renderNote writes them, so most notes are read without lower-casing anything.
    for (const locale of LOCALES) {
      booleanWords.set(message(locale, 'value.yes').trim(), true);
      booleanWords.set(message(locale, 'value.no').trim(), false);
    }
  }
  return booleanWords.get(text) ?? booleanWords.get(normal(text));
}

/** An option's value from its label in any language, or from the value itself. */
function matchOption(options: Map<string, string> | undefined, item: string): string | undefined {
  return options?.get(item.trim()) ?? options?.get(normal(item));
}

function readValue(field: ChecklistField, text: string, options: Map<string, string> | undefined): Answer | undefined {
  switch (field.type) {
    case 'boolean':
      return readBoolean(text);
    case 'choice':
      return matchOption(options, text);
    case 'multichoice': {
      const items = text
        .split(/;\s*|；/)
        .filter((item) => item.trim() !== '')
        .map((item) => matchOption(options, item));
      return items.length && items.every((item) => item !== undefined) ? (items as string[]) : undefined;
    }
    case 'attendance':
      return attendanceFromText(text) ?? attendanceFromText(text.replaceAll('来访者', '客户'));
    case 'number': {
      const value = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
    }
    // isLocalDateTime reads both shapes; the length tells them apart (`YYYY-MM-DD` is 10, `YYYY-MM-DDTHH:mm` 16).
    case 'datetime': {
      // Notes write `YYYY-MM-DD HH:mm`; a space anywhere but between date and time leaves no valid answer.
      const trimmed = text.trim();
      if (trimmed.length !== 16) return undefined;
      const value = trimmed.charCodeAt(10) === 32 ? `${trimmed.slice(0, 10)}T${trimmed.slice(11)}` : trimmed;
      return isLocalDateTime(value) ? value : undefined;
    }
    case 'date': {
      const value = text.trim();
      return value.length === 10 && isLocalDateTime(value) ? value : undefined;
    }
    default:
      return text;
  }
}

/** Notes come from pages and storage; anything that is not a string reads as an empty note rather than throwing. */
function asText(text: unknown): string {
  return typeof text === 'string' ? text : '';
}

function typeName(field: ChecklistField, locale: Locale): string {
  const key =
    field.type === 'longtext'
      ? 'type.text'
      : field.type === 'multichoice' || field.type === 'attendance'
        ? 'type.choice'
        : `type.${field.type}`;
  return message(locale, key as Parameters<typeof message>[1]);
}

/** Old Mac (`\r`) and Windows (`\r\n`) line ends read as `\n`; most notes have none, and are returned as they are. */
function unifyLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

// The line helpers below take the line as an argument and their loops are
// indexed: a supervisor's list reads thousands of notes (docs/performance.md).

/**
 * A blank line, or a `== Section ==` heading: what /^== (.*) ==$/ matches
 * once trimmed, tested by hand since a note has several. The expression's
 * `.` stops at the line terminators a split line can still hold.
 */
export function isBlankOrHeading(line: string): boolean {
  const trimmed = line.trim();
  return (
    trimmed === '' ||
    (trimmed.length >= 6 &&
      trimmed.startsWith('== ') &&
      trimmed.endsWith(' ==') &&
      trimmed.indexOf('\u2028') < 0 &&
      trimmed.indexOf('\u2029') < 0)
  );
}

/** Whether `trim` removes this character (what `\s` matches): Chinese lines start with none of them, and ideographs skip the expression. */
function trimmable(code: number): boolean {
  return code <= 32
    ? code === 32 || (code > 8 && code < 14)
    : ((code >= 0xa0 && code <= 0x3000) || code === 0xfeff) && /\s/.test(String.fromCharCode(code));
}

/** isBlankOrHeading for a line of `note` that has no white space at either end, without slicing it. */
function isHeadingAt(note: string, start: number, end: number): boolean {
  if (end - start < 6 || !note.startsWith('== ', start) || !note.startsWith(' ==', end - 3)) return false;
  for (let at = start + 3; at < end - 3; at++) {
    const code = note.charCodeAt(at);
    if (code === 0x2028 || code === 0x2029) return false;
  }
  return true;
}

/** note.startsWith(text, at) for a `text` that fits before the note's end, compared by character from its end: a builtin call per line showed in profiles, and same-length labels differ most at their ends. */
function textAt(note: string, at: number, text: string): boolean {
  for (let k = text.length - 1; k >= 0; k--) if (note.charCodeAt(at + k) !== text.charCodeAt(k)) return false;
  return true;
}

function startsWithAny(text: string, at: number, prefixes: readonly string[]): boolean {
  for (let i = 0; i < prefixes.length; i++) if (text.startsWith(prefixes[i]!, at)) return true;
  return false;
}

/** The longest label the line starts with, followed by a colon. */
function labelBefore(line: string, labels: readonly Label[]): Label | undefined {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const after = line[label.text.length];
    if ((after === ':' || after === '：') && line.startsWith(label.text)) return label;
  }
  return undefined;
}

/**
 * A note as read, before its answers become an object: `values` holds each
 * answer at its field's place in compileChecklist's field order, and `order`
 * those places in the order the note first answered them. gradeNote hands
 * `values` to the rule engine as they are (docs/performance.md).
 */
export interface NoteReading {
  checklistId?: string;
  version?: number;
  structured: boolean;
  values: (Answer | undefined)[];
  order: number[];
  unread: UnreadLine[];
  alternatives?: Record<string, Answer[]>;
}

/**
 * Reads a note back into answers. Never throws: whatever it cannot read is
 * listed in `unread` with its line number, and counts as unanswered.
 */
export function parseNote(checklist: Checklist, text: string, options: RenderOptions = {}): ParsedNote {
  const { checklistId, version, structured, values, order, unread, alternatives } = readNote(checklist, text, options);
  const answers = readAnswers(checklist, values, order);
  return alternatives
    ? { checklistId, version, structured, answers, unread, alternatives }
    : { checklistId, version, structured, answers, unread };
}

/** A reading's answers as an object, keyed by field id in the order the note gave them. */
export function readAnswers(checklist: Checklist, values: readonly (Answer | undefined)[], order: readonly number[]): ChecklistRecord {
  const { fields } = labelIndex(checklist);
  const answers: ChecklistRecord = {};
  for (let k = 0; k < order.length; k++) answers[fields[order[k]!]!.id] = values[order[k]!]!;
  return answers;
}

/** parseNote without the answers object: see NoteReading. */
export function readNote(checklist: Checklist, text: string, options: RenderOptions = {}): NoteReading {
  const locale = readLocale(options.locale);
  const note = unifyLineEnds(asText(text));
  // Lines are read in place, by position: a supervisor's list reads thousands
  // of notes, and an array of every line was a good part of what that cost.
  const { fields, labels, byLength, colonLabels, folded } = labelIndex(checklist);
  const values: (Answer | undefined)[] = new Array(fields.length);
  const order: number[] = [];
  const unread: UnreadLine[] = [];
  let alternatives: Record<string, Answer[]> | undefined;
  const alternative = (id: string, value: Answer) => {
    const list = ((alternatives ??= {})[id] ??= []);
    if (!list.some((other) => sameAnswer(other, value))) list.push(value);
  };
  /** Takes an answer read from line `line` (0-based, from `lineStart` to `lineEnd` in the note), or says why it cannot. */
  const take = (label: Label, value: Answer | undefined, line: number, lineStart: number, lineEnd: number) => {
    const { field, slot } = label;
    // Within one entry a question answered twice with different answers cannot be read (G-06); the same answer again says nothing new.
    const earlier = amended ? (amended.has(slot) ? values[slot] : undefined) : values[slot];
    if (earlier !== undefined) {
      if (value === undefined || !sameAnswer(earlier, value))
        unread.push({
          line: line + 1,
          text: note.slice(lineStart, lineEnd),
          reason: message(locale, 'note.duplicate', { field: localize(field.label, locale) }),
        });
      if (value !== undefined && !sameAnswer(earlier, value)) alternative(field.id, value);
      return;
    }
    // An amendment replaces an earlier answer; the earlier one stays among the note's alternatives.
    const replaced = amended ? values[slot] : undefined;
    if (replaced !== undefined && value !== undefined && !sameAnswer(replaced, value)) alternative(field.id, replaced);
    if (value === undefined) {
      unread.push({
        line: line + 1,
        text: note.slice(lineStart, lineEnd),
        reason: message(locale, 'note.badValue', { field: localize(field.label, locale), type: typeName(field, locale) }),
      });
      return;
    }
    amended?.add(slot);
    if (values[slot] === undefined) order.push(slot);
    values[slot] = value;
  };
  let checklistId: string | undefined;
  let version: number | undefined;
  /** Fields (by slot) answered in the current amendment, once one has started. */
  let amended: Set<number> | undefined;

  // The first filled line, which may be the header.
  let first = 0;
  let firstStart = 0;
  let firstEnd = lineEnd(note, 0);
  while (firstEnd < note.length && note.slice(firstStart, firstEnd).trim() === '') {
    firstStart = firstEnd + 1;
    firstEnd = lineEnd(note, firstStart);
    first++;
  }
  let firstLine = note.slice(firstStart, firstEnd);
  let header = firstLine.trim() !== '' ? readHeader(firstLine) : undefined;
  if (!header && note.includes(HEADER_START)) {
    // An entry appended below what the note already held (G-02): the text above it is the note as it was, not part of the entry.
    for (let start = 0, index = 0; start < note.length; index++) {
      const end = lineEnd(note, start);
      const line = note.slice(start, end);
      const found = line.includes(HEADER_START) ? readHeader(line) : undefined;
      if (found) {
        header = found;
        first = index;
        firstLine = line;
        break;
      }
      start = end + 1;
    }
  }
  if (header) {
    checklistId = header.id;
    version = header.version;
    if (checklistId !== checklist.id) {
      return {
        checklistId,
        version,
        structured: true,
        values,
        order,
        unread: [{ line: first + 1, text: firstLine, reason: message(locale, 'note.otherChecklist', { id: checklistId! }) }],
      };
    }
  }

  // Where the next colons are, found once per note rather than once per line.
  let asciiColon = note.indexOf(':');
  let wideColon = note.indexOf('：');
  let i = 0;
  for (let start = 0; start <= note.length; i++) {
    const end = lineEnd(note, start);
    const lineStart = start;
    start = end + 1;
    if (header && i <= first) continue;
    // Only a line starting with "=" or white space can be a heading or blank: most lines skip the trim, and a heading as renderNote writes it is tested in place.
    if (end === lineStart) continue;
    const lead = note.charCodeAt(lineStart);
    if (
      lead === 61 && note.charCodeAt(end - 1) === 61
        ? isHeadingAt(note, lineStart, end)
        : (lead === 61 || trimmable(lead)) && isBlankOrHeading(note.slice(lineStart, end))
    )
      continue;
    if (asciiColon >= 0 && asciiColon < lineStart) asciiColon = note.indexOf(':', lineStart);
    if (wideColon >= 0 && wideColon < lineStart) wideColon = note.indexOf('：', lineStart);
    const ascii = asciiColon >= 0 && asciiColon < end ? asciiColon - lineStart : -1;
    const wide = wideColon >= 0 && wideColon < end ? wideColon - lineStart : -1;
    const colon = ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
    let label: Label | undefined;
    let labelLength = colon;
    /** Where the answer starts, when a retyped label was read leniently. */
    let valueAt = -1;
    // A label with a colon in it is read by the longest-label scan; any other label ends at the line's first colon, so it is one of byLength[colon] or none at all.
    const colonLabelFirst = colon >= 0 && colonLabels.length > 0 && startsWithAny(note, lineStart, colonLabels);
    if (colon > 0 && !colonLabelFirst) {
      const candidates = byLength[colon];
      if (candidates) {
        // Same-length labels are distinct (see labelIndex), so at most one matches; the first character rules most out without a call.
        for (let c = 0; !label && c < candidates.length; c++) {
          const text = candidates[c]!.text;
          if (text.charCodeAt(0) === lead && textAt(note, lineStart, text)) label = candidates[c];
        }
      }
    }
    if (!label && colonLabelFirst) {
      label = labelBefore(note.slice(lineStart, end), labels);
      labelLength = label?.text.length ?? -1;
    }
    if (!label) {
      const text = note.slice(lineStart, end);
      // An entry's author and override lines (G-01, G-04) are the entry's own, not unread text.
      if (isEntryMetaLine(text)) continue;
      // A later header of this checklist starts an amendment (G-02): its answers replace the earlier ones.
      if (text.includes(HEADER_START) && readHeader(text)?.id === checklist.id) {
        amended = new Set();
        continue;
      }
      // The questions answered "no", folded into one line.
      const negatives = readNegatives(text, folded);
      if (negatives) {
        for (const negative of negatives.labels) take(negative, false, i, lineStart, end);
        if (negatives.unknown) unread.push({ line: i + 1, text, reason: message(locale, 'note.unknownLabel') });
        continue;
      }
      const retyped = lenientLabel(text, folded);
      if (!retyped) {
        unread.push({ line: i + 1, text, reason: message(locale, 'note.unknownLabel') });
        continue;
      }
      label = retyped.label;
      valueAt = retyped.valueAt;
    }
    const line = i;
    // The answer after "Label: " (or "Label:" with no space), sliced once.
    const valueStart =
      valueAt >= 0 ? lineStart + valueAt : lineStart + labelLength + (note.charCodeAt(lineStart + labelLength + 1) === 32 ? 2 : 1);
    let raw = note.slice(Math.min(valueStart, end), end);
    // renderNote writes an answer on its label's line only when it has no white space at either end, so any there was typed around it.
    const lead0 = raw.charCodeAt(0);
    const tail0 = raw.charCodeAt(raw.length - 1);
    if (lead0 <= 32 || tail0 <= 32 || lead0 === 0x3000 || tail0 === 0x3000 || lead0 === 0xa0 || tail0 === 0xa0) raw = raw.trim();
    let blank = false;
    // An answer that starts with no white space is not blank.
    if (raw.length === 0 || (trimmable(raw.charCodeAt(0)) && raw.trim() === '')) {
      // An answer over several indented lines follows its label.
      const block = readBlock(note, start);
      raw = block.text;
      blank = raw.trim() === '';
      i += block.lines;
      start = block.next;
    }
    take(label, blank ? undefined : readValue(label.field, raw, label.options), line, lineStart, end);
  }
  return { checklistId, version, structured: Boolean(header), values, order, unread, alternatives };
}

function sameAnswer(a: Answer, b: Answer): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

/** Where the line starting at `start` ends: its newline, or the end of the note. */
function lineEnd(note: string, start: number): number {
  const end = note.indexOf('\n', start);
  return end < 0 ? note.length : end;
}

/**
 * The indented lines from `from` (the line after a label with nothing after
 * its colon), as one answer: its text, how many lines it takes, and where the
 * line after it starts. Blank lines inside the answer belong to it when the
 * next filled line is indented again.
 */
function readBlock(note: string, from: number): { text: string; lines: number; next: number } {
  const block: string[] = [];
  /** Where the filled line after the current run of blank lines starts, once looked for: each run is scanned once. */
  let filled = -1;
  let at = from;
  while (at <= note.length) {
    const end = lineEnd(note, at);
    const indented = note.startsWith(INDENT, at);
    if (!indented && at >= filled) {
      for (filled = at; filled <= note.length && note.slice(filled, lineEnd(note, filled)).trim() === ''; )
        filled = lineEnd(note, filled) + 1;
      if (filled === at || !note.startsWith(INDENT, filled)) break;
    }
    block.push(indented ? note.slice(at + INDENT.length, end) : '');
    at = end + 1;
  }
  return { text: block.join('\n'), lines: block.length, next: at };
}

// A supervisor's list asks twice about each note in a row (which cells to
// read, then gradeNote): the second answer is the first one again.
let lastNote: string | undefined;
let lastNoteChecklistId: string | undefined;

/** The checklist a note was written for, from its header, without reading (or splitting) the rest. */
export function noteChecklistId(text: string): string | undefined {
  if (text === lastNote) return lastNoteChecklistId;
  const id = headerChecklistId(asText(text));
  lastNote = typeof text === 'string' ? text : undefined;
  lastNoteChecklistId = id;
  return id;
}

function headerChecklistId(note: string): string | undefined {
  // Lines end at \n, \r\n or a lone \r, as unifyLineEnds reads them; only the first filled line matters.
  for (let start = 0; start < note.length; ) {
    let end = note.indexOf('\n', start);
    if (end < 0) end = note.length;
    // A \r is looked for within the line only, so a note without one is not scanned to its end.
    let line = note.slice(start, end);
    const cr = line.indexOf('\r');
    if (cr >= 0) {
      line = line.slice(0, cr);
      end = start + cr;
    }
    if (line.trim() !== '') {
      const id = readHeader(line)?.id;
      if (id !== undefined || !note.includes(HEADER_START, end)) return id;
      return laterHeaderId(note, end);
    }
    start = end + (note.charCodeAt(end) === 13 && note.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return undefined;
}

/** The checklist of the first entry below hand-written text (G-02: Chartguard appends its entry after what the note held). */
function laterHeaderId(note: string, from: number): string | undefined {
  for (let at = note.indexOf(HEADER_START, from); at >= 0; at = note.indexOf(HEADER_START, at + 1)) {
    let start = at;
    while (start > 0 && note.charCodeAt(start - 1) !== 10 && note.charCodeAt(start - 1) !== 13) start--;
    let end = at;
    while (end < note.length && note.charCodeAt(end) !== 10 && note.charCodeAt(end) !== 13) end++;
    const id = readHeader(note.slice(start, end))?.id;
    if (id !== undefined) return id;
  }
  return undefined;
}

// Header lines repeat: gradeNote reads the header of the note noteChecklistId just read.
let lastHeaderLine: string | undefined;
let lastHeader: Readonly<{ id: string; version: number }> | undefined;

/**
 * The `[Chartguard id/version]` a header line ends with (spaces may follow),
 * as /\[Chartguard ([a-z][a-z0-9-]*)\/(\d+)\]\s*$/ reads it, by hand: every
 * row of a supervisor's list starts here (docs/performance.md). The tag holds
 * one `[`, so it starts at the line's last one.
 */
export function readHeader(line: string): Readonly<{ id: string; version: number }> | undefined {
  if (line !== lastHeaderLine) {
    lastHeaderLine = line;
    lastHeader = headerOf(line);
  }
  return lastHeader;
}

function headerOf(line: string): Readonly<{ id: string; version: number }> | undefined {
  // Character tests are written out: helper calls per character showed on long lists.
  let end = line.length;
  if (line.charCodeAt(end - 1) !== 93) end = line.trimEnd().length;
  if (end === 0 || line.charCodeAt(end - 1) !== 93) return undefined;
  const open = line.lastIndexOf('[', end - 1);
  if (open < 0 || !line.startsWith(HEADER_START, open)) return undefined;
  const idStart = open + HEADER_START.length;
  let code = line.charCodeAt(idStart);
  if (code < 97 || code > 122) return undefined;
  let at = idStart + 1;
  for (code = line.charCodeAt(at); (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45; code = line.charCodeAt(at))
    at++;
  if (code !== 47) return undefined;
  const id = line.slice(idStart, at);
  const versionStart = ++at;
  for (code = line.charCodeAt(at); at < end - 1 && code >= 48 && code <= 57; code = line.charCodeAt(at)) at++;
  if (at === versionStart || at !== end - 1) return undefined;
  return Object.freeze({ id, version: Number(line.slice(versionStart, at)) });
}
