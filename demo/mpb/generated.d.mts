// Types for the synthetic caseload generator, so TypeScript tests and benchmarks can import it.

export type GeneratedKind = 'complete' | 'incomplete' | 'overdue' | 'risk' | 'handwritten' | 'upcoming';
export type ExpectedBadge = 'complete' | 'incomplete' | 'overdue' | 'attention' | 'unstructured';

export const MAX_ROWS: number;
export const KINDS: Readonly<Record<GeneratedKind, { badge: ExpectedBadge; weight: number }>>;

export interface GeneratedRow {
  client: { id: string; name: string; preferredContact: string };
  session: { id: string; start: string; attendance: string; clinicalNote: string; nextSession: string };
  kind: GeneratedKind;
  /** The badge Chartguard should show for this row. */
  expected: ExpectedBadge;
}

export function localDateTime(date: Date): string;
export function generateCaseload(options?: { rows?: number; seed?: number; now?: Date; kinds?: GeneratedKind[] }): Promise<GeneratedRow[]>;
export function caseloadParams(params: URLSearchParams): {
  rows: number;
  seed: number;
  pageSize: number;
  pages: number;
  page: number;
  kinds: GeneratedKind[];
};
/** The caseload's <main> content (`.view`) for the generated rows, with the filter box and pager. */
export function generatedCaseloadView(params: URLSearchParams, now?: Date): Promise<string>;
export function serveGeneratedCaseload(
  ctx: { url: URL; res: unknown },
  sendHtml: (res: unknown, status: number, html: string) => unknown,
): Promise<unknown>;
