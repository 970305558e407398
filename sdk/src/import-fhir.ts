// A QuestionnaireResponse from any conformant forms engine read back into a
// Chartguard record, so `evaluate` can judge what a FHIR renderer captured.
import type { FhirAnswer, FhirQuestionnaireResponse, FhirResponseItem } from './export-fhir.js';
import { checkTimeZone, fromFhirDateTime } from './fhir-time.js';
import type { Checklist, ChecklistField } from './model.js';
import { allFields } from './model-utils.js';

export interface ReadResponseOptions {
  /** IANA zone the portal's wall-clock times are in (default: this process's zone). */
  timeZone?: string;
}

/** A response that is not a QuestionnaireResponse, or an answer of the wrong kind, named by its linkId. */
export class FhirResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FhirResponseError';
  }
}

type ValueOf = (answer: FhirAnswer) => unknown;

/** One answer as the field's value, or `undefined` when it is not of the field's kind. */
function reader(field: ChecklistField, timeZone: string | undefined): ValueOf {
  switch (field.type) {
    case 'boolean':
      return (answer) => answer.valueBoolean;
    case 'number':
      return (answer) => answer.valueDecimal ?? answer.valueInteger;
    case 'date':
      return (answer) =>
        answer.valueDate ?? (answer.valueDateTime ? fromFhirDateTime(answer.valueDateTime, timeZone)?.slice(0, 10) : undefined);
    case 'datetime':
      return (answer) => (answer.valueDateTime ? fromFhirDateTime(answer.valueDateTime, timeZone) : undefined);
    case 'choice':
    case 'multichoice':
    case 'attendance':
      // A renderer may send the coding, or the bare code as a string for an open choice.
      return (answer) => answer.valueCoding?.code ?? answer.valueString;
    default:
      return (answer) => answer.valueString;
  }
}

function* answeredItems(items: FhirResponseItem[] | undefined): Generator<FhirResponseItem> {
  for (const item of items ?? []) {
    if (item.answer?.length) yield item;
    yield* answeredItems(item.item);
    for (const answer of item.answer ?? []) yield* answeredItems((answer as { item?: FhirResponseItem[] }).item);
  }
}

/**
 * The record a QuestionnaireResponse holds for the checklist: answers found by
 * linkId at any depth (with or without section groups), datetimes with
 * seconds, `Z` or any offset read as the portal's wall-clock minute in
 * `timeZone`. The "recorded at" answer falls back to `authored`. Items the
 * checklist does not name are ignored; an answer of the wrong kind is a
 * `FhirResponseError` naming the question.
 */
export function fromQuestionnaireResponse(
  checklist: Checklist,
  response: FhirQuestionnaireResponse,
  options: ReadResponseOptions = {},
): Record<string, unknown> {
  checkTimeZone(options.timeZone);
  if (!response || typeof response !== 'object' || response.resourceType !== 'QuestionnaireResponse') {
    throw new FhirResponseError('fromQuestionnaireResponse: expected a resource with resourceType “QuestionnaireResponse”.');
  }
  const fields = new Map(allFields(checklist).map((field) => [field.id, field]));
  const record: Record<string, unknown> = {};
  for (const item of answeredItems(response.item)) {
    const field = fields.get(item.linkId);
    if (!field) continue;
    const read = reader(field, options.timeZone);
    const values = item.answer!.map((answer) => {
      const value = read(answer);
      if (value === undefined) {
        const kinds =
          Object.keys(answer)
            .filter((key) => key.startsWith('value'))
            .join(', ') || 'no value';
        throw new FhirResponseError(`${field.id}: a ${field.type} question cannot take this answer (${kinds}).`);
      }
      return value;
    });
    record[field.id] = field.type === 'multichoice' ? values : values[0];
  }
  const recordedAt = checklist.deadline?.recordedAt;
  if (recordedAt && record[recordedAt] === undefined && response.authored) {
    const authored = fromFhirDateTime(response.authored, options.timeZone);
    if (authored) record[recordedAt] = authored;
  }
  return record;
}
