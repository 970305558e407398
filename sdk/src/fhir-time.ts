// Portal times are wall-clock minutes with no zone; FHIR times carry seconds
// and an offset. This module is the one place that converts between them, in
// the process's zone or in a named IANA zone (a server exporting for a clinic
// elsewhere).
import { formatLocalDateTime, parseLocalDateTime } from './record.js';

const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter that names a moment's wall-clock parts in `timeZone`; an unknown zone is a clear error. */
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(`timeZone: “${timeZone}” is not an IANA time zone this runtime knows (e.g. “Europe/London”, “Asia/Shanghai”).`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock parts of an instant in `timeZone`, as if they were UTC (milliseconds). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** Minutes east of UTC that `timeZone` has at `instant`. */
function zoneOffsetAt(instant: number, timeZone: string): number {
  return Math.round((wallClockAsUtc(instant, timeZone) - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** Checks a zone name early, so a bad option fails before any conversion. */
export function checkTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined) zoneFormatter(timeZone);
}

/**
 * A portal datetime (`YYYY-MM-DDTHH:mm`) as a FHIR dateTime with seconds and
 * the offset that wall-clock time had on that day: in `timeZone` when given,
 * else in this process's zone (the zone `evaluate` uses).
 */
export function toFhirDateTime(local: string, timeZone?: string): string | undefined {
  const date = parseLocalDateTime(local);
  if (!date || !/T/.test(local)) return undefined;
  let offset: number;
  if (timeZone === undefined) {
    offset = -date.getTimezoneOffset();
  } else {
    const asUtc = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes());
    // The offset at the guessed instant, then at the instant it implies: settles across a DST change.
    const first = zoneOffsetAt(asUtc, timeZone);
    offset = zoneOffsetAt(asUtc - first * 60_000, timeZone);
  }
  const sign = offset < 0 ? '-' : '+';
  return `${local}:00${sign}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`;
}

const FHIR_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A FHIR dateTime or instant with a time (seconds or not, `Z` or any offset)
 * as the portal's wall-clock minute in `timeZone` (else this process's zone).
 * Seconds are dropped, as the portal records minutes. `undefined` when the
 * text is not a full date and time.
 */
export function fromFhirDateTime(value: string, timeZone?: string): string | undefined {
  const match = FHIR_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, day, minute, seconds = '00', zone] = match;
  const instant = Date.parse(`${day}T${minute}:${seconds}${zone === 'Z' ? 'Z' : zone}`);
  if (Number.isNaN(instant) || !parseLocalDateTime(`${day}T${minute}`)) return undefined;
  if (timeZone === undefined) return formatLocalDateTime(new Date(instant));
  return new Date(wallClockAsUtc(instant, timeZone)).toISOString().slice(0, 16);
}
