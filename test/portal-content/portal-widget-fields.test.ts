// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Issue 14 parts 3 and 7 on Hollybrook's committed pages, without a browser:
// radio groups and checkboxes read and written as a user would, dates in the
// portal's own format, notes stored as HTML read as text, several labels per
// value, and the field health states (missing, not started, unanswered) kept
// apart. The widgets themselves are proven in test/e2e/widgets-*.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNote, type AdapterPage } from '@chartguard/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { findElement, readPage, writeField } from '../../entrypoints/portal.content/features/bridge-client/portal-fields';
import { builtInAdapters, builtInChecklists } from '../../lib/catalog/built-in';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
function load(file: string): Document {
  document.body.innerHTML = new DOMParser().parseFromString(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), 'text/html').body.innerHTML;
  return document;
}
afterEach(() => {
  document.body.innerHTML = '';
});
const legacy = (kind: string): AdapterPage =>
  builtInAdapters()
    .find((a) => a.id === 'legacy-demo')!
    .pages.find((p) => p.kind === kind)!;
const field = (page: AdapterPage, name: string) => page.fields.find((f) => f.name === name)!;
const ready = () => 'ready' as const;

describe('reading Hollybrook’s encounter', () => {
  it('reads a radio group, several labels per value, and dates in DD/MM/YYYY HH:mm', () => {
    const doc = load('legacy/encounter-recorded.html');
    // happy-dom picks the wrong option of this select from its markup; a browser picks the `selected` one (test/e2e/widgets-legacy.test.ts).
    (doc.querySelector('#attendance') as HTMLSelectElement).value = 'CANC-CLIN-SICK';
    const read = readPage(legacy('encounter'), doc, ready);
    expect(read.answers).toMatchObject({
      attendance: 'cancelled-by-provider', // CANC-CLIN-SICK, the second label
      contactMethod: 'phone', // MOB, the second label
      informedAt: '2026-11-18T08:10',
      rebookOutcome: 'rebooked',
      nextSessionInPortal: '2026-11-25T09:30',
      sessionAt: '2026-11-18T09:30',
      riskConcern: false,
    });
    expect(read.missingFields).toEqual([]);
  });

  it('reads the note the editor has not started on from its textarea, as the text of its HTML, so the note parser finds the entry', () => {
    const doc = load('legacy/encounter.html');
    const note = findElement(['textarea#clinical-note'], doc) as HTMLTextAreaElement;
    note.value =
      '<p>Session cancelled. [Chartguard snc/1]</p><p>&nbsp;</p><p>== What was agreed ==</p><p>What was agreed with the client: meet &amp; talk on Friday.</p>';
    const read = readPage(legacy('encounter'), doc, ready);
    expect(read.note).toBe(
      'Session cancelled. [Chartguard snc/1]\n\n== What was agreed ==\nWhat was agreed with the client: meet & talk on Friday.',
    );
    expect(parseNote(builtInChecklists().get('snc')!, read.note).answers.agreed).toBe('meet & talk on Friday.');
  });

  it('keeps missing, not started and unanswered apart, and calls only the absent field missing', () => {
    const doc = load('legacy/encounter.html');
    findElement(['input#risk-concern'], doc)!.remove();
    const read = readPage(legacy('encounter'), doc, (f) => (f.widget === 'select2' ? 'not-started' : 'ready'));
    expect(read.missingFields).toEqual(['Risk concern raised']);
    expect(read.notStarted).toEqual(['Attendance']);
    expect(read.health).toMatchObject({
      'Risk concern raised': 'missing',
      Attendance: 'not-started',
      'Rebooking outcome': 'unanswered',
      'Patient unhappy with the change': 'answered',
    });
    expect(read.answers).not.toHaveProperty('rebookOutcome');
  });
});

describe('writing choices as a user would', () => {
  it('chooses a radio option by clicking it, so the page’s own handlers run, and refuses an option the portal lacks', async () => {
    const doc = load('legacy/encounter.html');
    const page = legacy('encounter');
    const outcome = field(page, 'Rebooking outcome');
    let changes = 0;
    doc.addEventListener('change', () => changes++);
    await expect(writeField(outcome, findElement(outcome.selectors, doc)!, 'client-declined', doc)).resolves.toEqual({ ok: true });
    expect((doc.querySelector('#rebook-declined') as HTMLInputElement).checked).toBe(true);
    expect(changes).toBe(1);
    await expect(writeField(outcome, findElement(outcome.selectors, doc)!, 'teleported', doc)).resolves.toMatchObject({
      ok: false,
      reason: expect.stringContaining('no option'),
    });
    expect(readPage(page, doc, ready).answers.rebookOutcome).toBe('client-declined');
  });

  it('ticks and unticks a checkbox from a yes/no, through its value map where it has one', async () => {
    const doc = load('legacy/handover.html');
    const page = legacy('handover');
    const urgent = field(page, 'Urgent risks identified');
    const box = findElement(urgent.selectors, doc) as HTMLInputElement;
    await expect(writeField(urgent, box, 'identified', doc)).resolves.toEqual({ ok: true });
    expect(box.checked).toBe(true);
    expect(readPage(page, doc, ready).answers.urgentRisks).toBe('identified');
    await expect(writeField(urgent, box, 'none', doc)).resolves.toEqual({ ok: true });
    expect(box.checked).toBe(false);
    await expect(writeField(urgent, box, 'maybe', doc)).resolves.toMatchObject({ ok: false });
  });
});
