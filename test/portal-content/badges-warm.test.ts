// The note the list badges grade before a list is drawn, to warm the reader
// and the rules (lib/list-grading.ts, in the background): it is written without the SDK's summary
// writer, which the list script no longer carries (issue 18), so check the
// reader reads it whole, to the same answers as the full note, in each language.
import { gradeNote, LOCALES, parseNote, renderNote } from '@chartguard/sdk/runtime';
import { describe, expect, it } from 'vitest';
import { warmingNote } from '../../lib/list-grading';
import { builtInChecklists } from '../../lib/catalog/built-in';

const checklists = builtInChecklists();

describe.each(LOCALES)('the warming note in %s', (locale) => {
  it.each([...checklists.keys()])('for %s is read whole, to the answers the full note gives', (id) => {
    const checklist = checklists.get(id)!;
    const text = warmingNote(checklist, locale);
    const grade = gradeNote({ checklists, text, locale });
    expect(grade).toMatchObject({ structured: true, checklistId: id });
    expect(grade.unread).toEqual([]);
    // The same answers rendered as a full note (its summary line first) read back the same.
    const answers = parseNote(checklist, text, { locale }).answers;
    expect(Object.keys(answers).length).toBeGreaterThan(0);
    expect(parseNote(checklist, renderNote(checklist, answers, { locale }), { locale }).answers).toEqual(answers);
  });
});
