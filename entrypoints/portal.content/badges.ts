// Compliance badges on a portal's record lists (issue: badges for supervisors).
// Placeholder interface wired into the content script; the implementation lands with the badges work.
import type { Checklist } from '@chartguard/sdk';
import type { PageMatch } from './detect';

export interface ListBadgesDeps {
  checklists: Map<string, Checklist>;
}

export class ListBadges {
  constructor(
    readonly match: PageMatch,
    readonly deps: ListBadgesDeps,
  ) {}

  get key(): string {
    return `${this.match.adapter.id}|${this.match.page.kind}|list`;
  }

  /** The page's DOM changed (re-render, pagination, filter). */
  pageChanged(): void {}

  destroy(): void {}
}
