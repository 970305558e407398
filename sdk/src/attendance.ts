// The one attendance vocabulary shared by every checklist; each portal adapter
// maps these codes to its own option labels.
import type { LocalizedText } from './text.js';

export const ATTENDANCE_CODES = [
  'attended',
  'attended-late',
  'did-not-attend',
  'cancelled-by-client',
  'cancelled-by-client-short-notice',
  'cancelled-by-provider',
  'late-call',
  'missed-visit',
] as const;
export type AttendanceCode = (typeof ATTENDANCE_CODES)[number];

export const ATTENDANCE_LABELS: Record<AttendanceCode, LocalizedText> = {
  attended: { en: 'Attended', 'zh-CN': '已出席' },
  'attended-late': { en: 'Attended late', 'zh-CN': '迟到出席' },
  'did-not-attend': { en: 'Did not attend', 'zh-CN': '未出席' },
  'cancelled-by-client': { en: 'Cancelled by client', 'zh-CN': '客户取消' },
  'cancelled-by-client-short-notice': { en: 'Cancelled by client at short notice', 'zh-CN': '客户临时取消' },
  'cancelled-by-provider': { en: 'Cancelled by therapist or provider', 'zh-CN': '治疗师或服务方取消' },
  'late-call': { en: 'Late call (visit took place late)', 'zh-CN': '迟到探访（探访延迟进行）' },
  'missed-visit': { en: 'Missed visit', 'zh-CN': '错过探访' },
};

export function isAttendanceCode(value: unknown): value is AttendanceCode {
  return typeof value === 'string' && (ATTENDANCE_CODES as readonly string[]).includes(value);
}

let byText: Map<string, AttendanceCode> | undefined;

/**
 * The code a page or note means by an attendance text: the code itself, or its
 * label in any supported language, ignoring case and surrounding space
 * (locale-independent on purpose: the same note must read the same everywhere).
 */
export function attendanceFromText(text: string): AttendanceCode | undefined {
  const trimmed = text.trim();
  if (isAttendanceCode(trimmed)) return trimmed;
  if (!byText) {
    byText = new Map();
    for (const code of ATTENDANCE_CODES)
      for (const label of Object.values(ATTENDANCE_LABELS[code]))
        if (!byText.has(label.trim().toLowerCase())) byText.set(label.trim().toLowerCase(), code);
  }
  return byText.get(trimmed.toLowerCase());
}
