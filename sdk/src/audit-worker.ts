// One grading thread of `chartguard audit`: takes a batch (raw NDJSON bytes,
// or records the main thread already read from CSV or a JSON array), and
// returns the batch's output as UTF-8 bytes and its counts, so JSON parsing,
// grading, formatting and encoding all run off the main thread, one thread per core.
import { parentPort, workerData } from 'node:worker_threads';
import { AuditSummary, auditRecord, toAuditRecord, type AuditItem, type AuditMalformed, type AuditOptions } from './audit.js';
import { readWithAdapter, type AdapterReading } from './audit-adapter.js';
import { jsonLine, malformedJsonLine, malformedMessage, tableLine, type AuditOutputFormat } from './audit-format.js';
import { addToReport, emptyReportPart, type ReportPart } from './audit-report.js';
import type { OrganisationSettings } from './evaluate.js';
import type { Checklist } from './model.js';
import type { Locale } from './text.js';

export interface AuditWorkerSetup {
  /** Checklists already parsed by the main thread: the workers never load the schema library. */
  checklists: Checklist[];
  adapter?: AdapterReading;
  now: number;
  locale: Locale;
  settings?: OrganisationSettings;
  output: AuditOutputFormat;
  /** The file name used in messages about unreadable records. */
  file: string;
  /** Collect each batch's share of the HTML report (--report). */
  report?: boolean;
}

export type AuditBatch = { seq: number; bytes: Uint8Array; firstLine: number } | { seq: number; items: AuditItem[] };

/** What a grading thread is sent: its setup once, first (it starts before the setup is ready), then batches. */
export type AuditWorkerMessage = { setup: AuditWorkerSetup } | AuditBatch;

export interface AuditBatchResult {
  seq: number;
  /** The batch's output, UTF-8; its buffer is transferred to the main thread, which writes it as it is. */
  out: Uint8Array;
  err: string;
  counts: ReturnType<AuditSummary['counts']>;
  report?: ReportPart;
  /** An NDJSON batch's input buffer, handed back so the main thread reads a later batch into it instead of a new one. */
  input?: ArrayBuffer;
}

/**
 * A batch's output encoded line by line into one growing buffer: posting the
 * batch's text instead cloned it and the main thread encoded it again
 * (docs/performance.md, the audit's own share).
 */
class Utf8Output {
  private bytes = new Uint8Array(256 * 1024);
  private length = 0;
  private readonly encoder = new TextEncoder();

  write(text: string): void {
    // Three bytes per UTF-16 unit is the most UTF-8 can take, so the line always fits.
    const room = this.length + text.length * 3;
    if (room > this.bytes.length) {
      const grown = new Uint8Array(Math.max(room, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length += this.encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  /** The bytes written, as a view of a buffer no one else holds, so it can be transferred. */
  take(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** Grades batches with fixed options; exported so the same code runs on the main thread when there is no worker. */
export function batchGrader(setup: AuditWorkerSetup): (batch: AuditBatch) => AuditBatchResult {
  const checklists = new Map<string, Checklist>();
  for (const checklist of setup.checklists) checklists.set(checklist.id, checklist);
  const options: AuditOptions = { checklists, now: new Date(setup.now), locale: setup.locale, settings: setup.settings };
  const json = setup.output === 'json';

  return (batch) => {
    const summary = new AuditSummary();
    const report = setup.report ? emptyReportPart() : undefined;
    const out = new Utf8Output();
    let err = '';
    const malformed = (item: AuditMalformed) => {
      summary.add(item);
      err += malformedMessage(setup.file, item, setup.locale);
      if (json) out.write(malformedJsonLine(item));
    };
    const grade = (item: AuditItem) => {
      if ('error' in item) return malformed(item);
      const record = setup.adapter ? readWithAdapter(item.record, setup.adapter) : item.record;
      const result = auditRecord(record, options);
      summary.add(result);
      if (report) addToReport(report, result, setup.locale);
      out.write(json ? jsonLine(result) : tableLine(result, setup.locale));
    };

    if ('items' in batch) {
      for (let i = 0; i < batch.items.length; i++) grade(batch.items[i]!);
    } else {
      // Lines are decoded one at a time: a whole batch as one string would sit in the engine's large-object space
      // until a full collection, and memory would climb with every batch.
      const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.length);
      let line = batch.firstLine - 1;
      let start = 0;
      while (start < bytes.length) {
        let end = bytes.indexOf(10, start);
        if (end === -1) end = bytes.length;
        line++;
        const stop = end > start && bytes[end - 1] === 13 ? end - 1 : end;
        const from = start;
        start = end + 1;
        if (stop === from) continue;
        const text = bytes.toString('utf8', from, stop);
        // Blank lines are skipped; a line is blank only if it starts with a space, so most lines skip the check.
        if (bytes[from]! <= 32 && text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          malformed({ line, error: `not valid JSON (${(error as Error).message})` });
          continue;
        }
        grade(toAuditRecord(value, line));
      }
    }
    const bytes = out.take();
    return report
      ? { seq: batch.seq, out: bytes, err, counts: summary.counts(), report }
      : { seq: batch.seq, out: bytes, err, counts: summary.counts() };
  };
}

if (parentPort && workerData?.chartguardAudit) {
  const port = parentPort;
  let grade: ((batch: AuditBatch) => AuditBatchResult) | undefined;
  port.on('message', (message: AuditWorkerMessage) => {
    if ('setup' in message) {
      grade = batchGrader(message.setup);
      return;
    }
    if (!grade) throw new Error('an audit worker was sent a batch before its setup');
    const result = grade(message);
    if ('bytes' in message) {
      result.input = message.bytes.buffer as ArrayBuffer;
      port.postMessage(result, [result.out.buffer as ArrayBuffer, result.input]);
    } else port.postMessage(result, [result.out.buffer as ArrayBuffer]);
  });
}
