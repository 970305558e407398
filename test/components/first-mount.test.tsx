// @vitest-environment happy-dom
// A checklist's first mount in the panel (issue 18): its questions get their form meta in one store update, not
// one each, and a question the user has already touched keeps what its meta says.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseChecklist, type Checklist } from '@chartguard/sdk';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChecklistForm } from '../../components/ChecklistForm';
import { usePanelForm, type PanelForm } from '../../components/form';
import { cleanup, render } from './testing-library';

const CHECKLIST_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../checklists');
const snc = parseChecklist(JSON.parse(fs.readFileSync(path.join(CHECKLIST_DIR, 'snc.json'), 'utf8')));
const fus = parseChecklist(JSON.parse(fs.readFileSync(path.join(CHECKLIST_DIR, 'fus.json'), 'utf8')));
const NOW = new Date(2026, 10, 23, 15, 0);

afterEach(cleanup);

/** A checklist on a fresh panel form; `onForm` is told of the form once, before any of its fields mounts. */
function Harness({ checklist, onForm }: { checklist: Checklist; onForm(form: PanelForm): void }) {
  const form = usePanelForm({});
  const told = useRef(false);
  if (!told.current) {
    told.current = true;
    onForm(form);
  }
  const evaluation = evaluate(checklist, form.state.values as Record<string, unknown>, { now: NOW, unknownFields: 'ignore' });
  return <ChecklistForm form={form} checklist={checklist} evaluation={evaluation} locale="en" showAll={false} />;
}

/** Mounts FUS on a fresh form and counts the form's base store updates from before its first field mounts. */
function mountFus(before: (form: PanelForm) => void = () => {}) {
  const seen: { form?: PanelForm; updates: number } = { updates: 0 };
  const onForm = (form: PanelForm) => {
    before(form);
    seen.form = form;
    form.baseStore.subscribe(() => {
      seen.updates++;
    });
  };
  render(<Harness checklist={fus} onForm={onForm} />);
  return { ...seen, form: seen.form!, shown: evaluate(fus, {}, { now: NOW }).visible };
}

describe('a checklist’s first mount', () => {
  it('gives every question shown its form meta in one update', () => {
    const { form, updates, shown } = mountFus();
    expect(shown.length).toBeGreaterThan(3);
    expect(document.querySelectorAll('[data-field]').length).toBe(shown.length);
    const meta = form.state.fieldMeta as Record<string, { isTouched: boolean; isDirty: boolean } | undefined>;
    for (const id of shown) expect(meta[id], id).toMatchObject({ isTouched: false, isDirty: false });
    // One update for the seed; a question writing its own meta as it mounts would add one per question.
    expect(updates).toBe(1);
  });

  it('leaves the meta of a question already touched as it is', () => {
    const { form, shown } = mountFus((form) =>
      form.setFieldMeta(fus.sections[0]!.fields[0]!.id as never, (meta) => ({ ...meta, isTouched: true })),
    );
    const first = fus.sections[0]!.fields[0]!.id;
    expect(shown).toContain(first);
    expect((form.state.fieldMeta as Record<string, { isTouched: boolean }>)[first]?.isTouched).toBe(true);
  });

  it('gives them in one update too when the panel switches to it from another checklist', () => {
    let form: PanelForm | undefined;
    const onForm = (created: PanelForm) => {
      form = created;
    };
    const { rerender } = render(<Harness checklist={snc} onForm={onForm} />);
    const fusOnly = evaluate(fus, {}, { now: NOW }).visible.filter((id) => !snc.sections.some((s) => s.fields.some((f) => f.id === id)));
    expect(fusOnly.length).toBeGreaterThan(1);
    // Updates that gave a FUS question its meta for the first time (the SNC questions leaving write theirs too).
    let seeding = 0;
    let had = 0;
    form!.baseStore.subscribe((state) => {
      const now = fusOnly.filter((id) => state.fieldMetaBase[id as never] !== undefined).length;
      if (now > had) seeding++;
      had = now;
    });
    rerender(<Harness checklist={fus} onForm={onForm} />);
    expect(had).toBe(fusOnly.length);
    expect(seeding).toBe(1);
  });
});
