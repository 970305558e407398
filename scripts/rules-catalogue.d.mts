// Types for scripts/rules-catalogue.mjs, read by the conventions test.
export declare const SEVERITY_WORDS: readonly string[];
export declare function severityKinds(text: string): string[];
export declare function checklistOf(id: string): string | null;
export interface CatalogueRow {
  id: string;
  rule: string;
  stage?: string;
  severity: string;
  line: number;
}
export declare function parseCatalogue(markdown: string): CatalogueRow[];
export declare function foldSpace(text: string): string;
export declare function renderRulesMarkdown(rules: readonly object[], notYet: readonly { id: string; reason: string }[]): string;
