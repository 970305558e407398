// Placeholder, replaced by the report writer.
import type { ReportPart } from './audit-report-data.js';
import type { Locale } from './text.js';
export function loadChartScript(): string { return ''; }
export function renderReport(input: { summary: unknown; report: ReportPart; clock: { at: string; given: boolean }; locale: Locale; source?: string; chartScript: string }): string { return JSON.stringify(input); }
