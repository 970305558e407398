// CareRoster's page script, written the way a newer in-house app would be:
// data-action delegation, fetch with JSON, no ids in the logic. The extension
// has to coexist with it (it listens to the same clicks and change events).
(() => {
  'use strict';

  const LABELS = { '': 'Planned', VISITED: 'Visited', LATE_CALL: 'Late call', MISSED: 'Missed' };
  let saving = false;

  const card = () => document.querySelector('[data-visit-form]');
  const input = (name) => card()?.querySelector(`[data-input="${name}"]`);

  function toast(text, kind) {
    const el = card()?.querySelector('[data-role="toast"]');
    if (!el) return;
    el.textContent = text;
    el.dataset.kind = kind;
  }

  // An actual time only makes sense once the visit happened (visited or late).
  function syncStatus() {
    const status = input('status')?.value ?? '';
    const actual = input('actual-time');
    if (actual) actual.disabled = !(status === 'VISITED' || status === 'LATE_CALL');
    const pill = card()?.querySelector('[data-role="status-pill"]');
    if (pill) {
      pill.textContent = LABELS[status] ?? status;
      pill.className = `rs-pill rs-pill-${(status || 'planned').toLowerCase().replace('_', '-')}`;
    }
  }

  async function saveVisit(button) {
    const form = card();
    if (!form || saving) return;
    const actual = input('actual-time');
    const body = {
      status: input('status').value,
      actualTime: actual.disabled ? '' : actual.value,
      incidentRef: input('incident-ref').value,
      // innerText turns the editor's <br>/<div> line breaks back into newlines.
      report: input('report').innerText.replace(/\s+$/, ''),
    };
    saving = true;
    button.disabled = true;
    toast('Saving…', 'busy');
    try {
      const res = await fetch(`/roster/api/visits/${encodeURIComponent(form.dataset.visitId)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(data.error || `Save failed (HTTP ${res.status})`);
      toast(`Visit saved at ${new Date().toTimeString().slice(0, 8)}`, 'ok');
    } catch (err) {
      toast(err instanceof Error ? err.message : 'Save failed', 'error');
    } finally {
      saving = false;
      button.disabled = false;
    }
  }

  document.addEventListener('click', (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    if (!target) return;
    const action = target.closest('[data-action]');
    if (action?.dataset.action === 'save-visit') {
      ev.preventDefault();
      void saveVisit(action);
      return;
    }
    // A whole schedule row opens its visit, not just the link.
    const row = target.closest('.rs-visit[data-href]');
    if (row && !target.closest('a, button') && ev.button === 0) location.href = row.dataset.href;
  });

  document.addEventListener('change', (ev) => {
    if (ev.target instanceof Element && ev.target.matches('[data-input="status"]')) syncStatus();
  });

  // Pasting rich text into the report would carry the source's markup; keep it plain.
  document.addEventListener('paste', (ev) => {
    if (!(ev.target instanceof Element) || !ev.target.closest('[data-input="report"]')) return;
    ev.preventDefault();
    document.execCommand('insertText', false, ev.clipboardData?.getData('text/plain') ?? '');
  });
})();
