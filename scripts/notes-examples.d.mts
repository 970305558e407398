// Types for scripts/notes-examples.mjs, read by test/docs/notes.test.ts.
export interface NoteExample {
  checklist: string;
  heading: string;
  author: string;
  at: string;
  clientTerm?: '客户' | '来访者';
  record: Record<string, unknown>;
}
export declare const NOTE_EXAMPLES: readonly NoteExample[];
export declare function renderNotesMarkdown(
  sdk: { parseChecklist: (data: unknown) => unknown; composeEntry: (input: never) => { note: string } },
  checklists: Record<string, unknown>,
): string;
export declare function exampleRecord(example: NoteExample, locale: 'en' | 'zh-CN'): Record<string, unknown>;
