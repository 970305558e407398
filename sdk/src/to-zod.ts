// The checklist as a Zod schema, for integrators who validate with Zod; it
// runs the same rule engine as evaluate, so the two never disagree.
import { readLocale, type LocaleTag } from './inputs.js';
import { z } from 'zod';
import { compileChecklist, runRules } from './rules.js';
import type { Checklist } from './model.js';
import { normalizeRecord } from './record.js';
import type { Locale } from './text.js';

export interface ToZodOptions {
  locale?: LocaleTag;
  /** `required` (default) fails only on rules that hold Save; `all` also on follow-up and advisory ones. */
  severity?: 'required' | 'all';
}

/**
 * The checklist as a Zod schema, for integrators who validate with Zod. Each
 * issue carries `params: { ruleId, severity, code }`.
 */
export function toZod(checklist: Checklist, options: ToZodOptions = {}) {
  const compiled = compileChecklist(checklist);
  const locale = readLocale(options.locale);
  const shape = Object.fromEntries(compiled.fields.map((field) => [field.id, z.unknown().optional()]));
  return z
    .object(shape)
    .superRefine((record, ctx) => {
      for (const issue of runRules(compiled, record, locale).issues) {
        // Follow-ups are done after the first save, so like advisories they fail only with `all`.
        if (issue.severity !== 'required' && options.severity !== 'all') continue;
        ctx.addIssue({
          code: 'custom',
          path: issue.path,
          message: `${issue.ruleId}: ${issue.message}`,
          params: { ruleId: issue.ruleId, severity: issue.severity, code: issue.code },
        });
      }
    })
    .transform((record) => normalizeRecord(checklist, record));
}
