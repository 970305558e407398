// Runs an audit on worker threads, one per core: the main thread only reads
// the file in batches and writes results back in file order; a fixed number
// of batches in flight bounds memory whatever the size of the export.
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AuditInputError, detectAuditFormat, readAuditRecords, type AuditChunk, type AuditFormat, type AuditItem } from './audit.js';
import type { AuditBatch, AuditBatchResult, AuditWorkerMessage, AuditWorkerSetup } from './audit-worker.js';

/** Input per NDJSON batch: large enough that messages between threads cost little, small enough to keep memory flat. */
export const BATCH_BYTES = 512 * 1024;
/** Records per batch when the main thread reads them itself (CSV, JSON arrays). */
export const BATCH_RECORDS = 400;
/** Batches in flight per worker: one being graded, one waiting, so a worker never idles for the main thread. */
const IN_FLIGHT_PER_WORKER = 3;
/**
 * A small young generation per worker: each batch's garbage dies young, and
 * the default (tens of MB per thread) was most of the audit's peak memory
 * (docs/performance.md).
 */
const YOUNG_GENERATION_MB = 4;
/** Bounds what one record may take, so a broken line cannot swallow the file (as the in-process reader does). */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

export interface ParallelAuditOptions {
  setup: AuditWorkerSetup;
  format?: AuditFormat;
  name?: string;
  /** Grading threads; defaults to one per core. */
  jobs?: number;
  /** Threads started earlier by startAuditWorkers (so they boot while the caller loads checklists); closed when the audit ends. */
  workers?: AuditWorkers;
  /** Called for each batch's result in file order; awaited, so a slow consumer slows reading instead of growing memory. */
  onResult: (result: AuditBatchResult) => void | Promise<void>;
  /** Bytes of input consumed so far, after each batch is read. */
  onProgress?: (bytes: number) => void;
}

export const defaultJobs = () => Math.max(1, availableParallelism());

/** The grading threads of one audit; they take their setup as their first message, so they can start before it is known. */
export class AuditWorkers {
  private readonly workers: {
    worker: Worker;
    waiting: Map<number, { resolve: (result: AuditBatchResult) => void; reject: (error: Error) => void }>;
  }[] = [];
  private failure: Error | undefined;

  constructor(jobs: number) {
    const url = new URL('./audit-worker.js', import.meta.url);
    for (let i = 0; i < jobs; i++) {
      const worker = new Worker(url, {
        workerData: { chartguardAudit: true },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      const waiting = new Map<number, { resolve: (result: AuditBatchResult) => void; reject: (error: Error) => void }>();
      worker.on('message', (result: AuditBatchResult) => {
        const done = waiting.get(result.seq);
        waiting.delete(result.seq);
        done?.resolve(result);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (waiting.size) this.fail(new Error(`an audit worker stopped (exit code ${code}) with ${waiting.size} batches unfinished`));
      });
      this.workers.push({ worker, waiting });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Gives every thread the audit's options; batches posted after it are graded with them (a port delivers in order). */
  configure(setup: AuditWorkerSetup): void {
    const message: AuditWorkerMessage = { setup };
    for (const { worker } of this.workers) worker.postMessage(message);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const { waiting } of this.workers) {
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    }
  }

  /** Sends a batch to the worker with the least queued; resolves with its result. */
  run(batch: AuditBatch, transfer: ArrayBuffer[] = []): Promise<AuditBatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    let target = this.workers[0]!;
    for (const candidate of this.workers) if (candidate.waiting.size < target.waiting.size) target = candidate;
    return new Promise((resolve, reject) => {
      target.waiting.set(batch.seq, { resolve, reject });
      target.worker.postMessage(batch, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}

/**
 * Starts `jobs` grading threads before the audit's options are ready: a
 * thread loads the grading code while the caller loads and checks the
 * checklists, instead of after (docs/performance.md).
 */
export const startAuditWorkers = (jobs: number = defaultJobs()): AuditWorkers => new AuditWorkers(Math.max(1, jobs));

/** A file as chunks, for the readers that run on the main thread (CSV, JSON arrays) and for detecting the format. */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    while (true) {
      const chunk = new Uint8Array(256 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return;
      yield chunk.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function* chunksOf(source: AsyncIterable<AuditChunk>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of source) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/**
 * How many line ends a batch holds, for the next batch's first line number.
 * Through a Buffer view, whose indexOf is the C library's byte search: a
 * Uint8Array's indexOf cost the main thread 4.5 times as much (docs/performance.md).
 */
function lineEnds(bytes: Uint8Array): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let count = 0;
  for (let at = view.indexOf(10); at !== -1; at = view.indexOf(10, at + 1)) count++;
  return count;
}

/** NDJSON cut at line ends into batches of about BATCH_BYTES, each with the number of its first line. */
async function* ndjsonBatches(
  chunks: AsyncIterable<Uint8Array>,
  onProgress?: (bytes: number) => void,
): AsyncGenerator<{ bytes: Uint8Array; firstLine: number }> {
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let line = 1;
  let consumed = 0;
  let first = true;
  const take = (upTo: number): Uint8Array => {
    // A fresh buffer per batch: it is handed over to a worker, not copied, and must not share memory with the stream's.
    const bytes = new Uint8Array(upTo);
    let at = 0;
    for (const part of pending) {
      const n = Math.min(part.length, upTo - at);
      bytes.set(part.subarray(0, n), at);
      at += n;
      if (at === upTo) break;
    }
    const rest = pending.at(-1)!;
    const restStart = rest.length - (pendingSize - upTo);
    pending = restStart < rest.length ? [rest.subarray(restStart)] : [];
    pendingSize -= upTo;
    return bytes;
  };
  for await (let chunk of chunks) {
    if (first && chunk.length) {
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      first = false;
    }
    consumed += chunk.length;
    if (!chunk.length) continue;
    pending.push(chunk);
    pendingSize += chunk.length;
    if (pendingSize < BATCH_BYTES) continue;
    const lastNewline = chunk.lastIndexOf(10);
    if (lastNewline === -1) {
      if (pendingSize > MAX_LINE_BYTES)
        throw new AuditInputError(`a line is longer than ${MAX_LINE_BYTES} bytes; is this a text export?`, line);
      continue;
    }
    const bytes = take(pendingSize - (chunk.length - lastNewline - 1));
    const firstLine = line;
    line += lineEnds(bytes);
    onProgress?.(consumed - pendingSize);
    yield { bytes, firstLine };
  }
  if (pendingSize) yield { bytes: take(pendingSize), firstLine: line };
  onProgress?.(consumed);
}

/**
 * NDJSON batches read from a file straight into the buffers handed to the
 * workers: the main thread makes no garbage of its own, so its memory stays
 * flat however long the file (stream chunks would wait for a collection that
 * an idle main thread seldom runs).
 */
async function* fileBatches(
  path: string,
  spare: ArrayBuffer[],
  onProgress?: (bytes: number) => void,
): AsyncGenerator<{ bytes: Uint8Array; firstLine: number }> {
  const handle = await open(path, 'r');
  try {
    let carry = new Uint8Array(0);
    let line = 1;
    let consumed = 0;
    let first = true;
    let size = BATCH_BYTES;
    while (true) {
      const wanted = Math.max(size, carry.length * 2);
      // A buffer a worker has handed back: no new memory for the engine to count and collect per batch.
      const reused = wanted === BATCH_BYTES ? spare.pop() : undefined;
      const batch = reused ? new Uint8Array(reused) : new Uint8Array(wanted);
      batch.set(carry);
      let filled = carry.length;
      let ended = false;
      while (filled < batch.length) {
        const { bytesRead } = await handle.read(batch, filled, batch.length - filled, null);
        if (bytesRead === 0) {
          ended = true;
          break;
        }
        filled += bytesRead;
        consumed += bytesRead;
      }
      let start = 0;
      if (first) {
        if (batch[0] === 0xef && batch[1] === 0xbb && batch[2] === 0xbf) start = 3;
        first = false;
      }
      const lastNewline = ended ? filled - 1 : batch.lastIndexOf(10, filled - 1);
      if (lastNewline < start) {
        if (ended) break;
        // No line end in a whole batch: a longer line than a batch, so read on into a larger buffer.
        if (filled > MAX_LINE_BYTES)
          throw new AuditInputError(`a line is longer than ${MAX_LINE_BYTES} bytes; is this a text export?`, line);
        carry = batch.subarray(0, filled);
        size *= 2;
        continue;
      }
      carry = batch.slice(lastNewline + 1, filled);
      size = BATCH_BYTES;
      const bytes = batch.subarray(start, lastNewline + 1);
      const firstLine = line;
      line += lineEnds(bytes);
      onProgress?.(consumed - carry.length);
      yield { bytes, firstLine };
      if (ended) break;
    }
  } finally {
    await handle.close();
  }
}

async function* itemBatches(items: AsyncIterable<AuditItem>): AsyncGenerator<AuditItem[]> {
  let batch: AuditItem[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= BATCH_RECORDS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Grades a whole source on worker threads and hands each batch's result to
 * `onResult` in file order. NDJSON goes to the workers as raw bytes (they
 * decode, parse and grade); CSV and JSON arrays are read on the main thread,
 * whose readers keep state across records, and graded on the workers.
 */
export async function auditInParallel(source: AsyncIterable<AuditChunk> | { path: string }, options: ParallelAuditOptions): Promise<void> {
  const pool = options.workers ?? startAuditWorkers(options.jobs);
  try {
    pool.configure(options.setup);
    await auditWith(pool, source, options);
  } finally {
    await pool.close();
  }
}

async function auditWith(
  pool: AuditWorkers,
  source: AsyncIterable<AuditChunk> | { path: string },
  options: ParallelAuditOptions,
): Promise<void> {
  const path = 'path' in source ? source.path : undefined;
  const chunks = (path ? fileChunks(path) : chunksOf(source as AsyncIterable<AuditChunk>))[Symbol.asyncIterator]();
  // Peek at the start to choose the format, then replay it.
  const head: Uint8Array[] = [];
  let format = options.format;
  if (!format) {
    const decoder = new TextDecoder();
    let text = '';
    while (text.trim() === '') {
      const next = await chunks.next();
      if (next.done) break;
      head.push(next.value);
      text += decoder.decode(next.value, { stream: true });
    }
    format = detectAuditFormat(options.name, text.replace(/^\ufeff/, ''));
  }
  const replay = async function* (): AsyncGenerator<Uint8Array> {
    yield* head;
    while (true) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  };

  const queue: Promise<AuditBatchResult>[] = [];
  const limit = pool.size * IN_FLIGHT_PER_WORKER;
  let seq = 0;
  let readError: unknown;
  /** Input buffers of batches already graded, of BATCH_BYTES each, for fileBatches to read into again. */
  const spare: ArrayBuffer[] = [];
  const next = async () => {
    const result = await queue.shift()!;
    if (path && result.input?.byteLength === BATCH_BYTES) spare.push(result.input);
    await options.onResult(result);
  };
  const send = async (batch: AuditBatch, transfer?: ArrayBuffer[]) => {
    const result = pool.run(batch, transfer);
    // A rejection is handled when the queue reaches this batch; until then it must not count as unhandled.
    result.catch(() => {});
    queue.push(result);
    while (queue.length >= limit) await next();
  };
  try {
    if (format === 'ndjson') {
      if (path) await chunks.return(undefined);
      const batches = path ? fileBatches(path, spare, options.onProgress) : ndjsonBatches(replay(), options.onProgress);
      for await (const { bytes, firstLine } of batches) {
        await send({ seq: seq++, bytes, firstLine }, [bytes.buffer as ArrayBuffer]);
      }
    } else {
      let consumed = 0;
      const counted = async function* (): AsyncGenerator<Uint8Array> {
        for await (const chunk of replay()) {
          consumed += chunk.length;
          yield chunk;
        }
      };
      for await (const items of itemBatches(
        readAuditRecords(counted(), { format, noteColumns: [...(options.setup.adapter?.noteColumns ?? [])] }),
      )) {
        options.onProgress?.(consumed);
        await send({ seq: seq++, items });
      }
    }
  } catch (error) {
    // Input that cannot be read stops the run, after the records read before it are written.
    if (!(error instanceof AuditInputError)) throw error;
    readError = error;
  }
  while (queue.length) await next();
  if (readError) throw readError;
}
