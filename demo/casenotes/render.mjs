// Server-side HTML for the Harbour case-notes demo: a paper-like notes system
// with a tab bar, consultation "cards" as <article>s and editors identified by
// data-cn-* attributes, sharing nothing with the MPB or roster markup.
// Every piece of record text goes through esc(): notes are user-written.

import { esc, pageHead } from '../http.mjs';
import { RISK_FLAGS, VISIT_TYPES } from './store.mjs';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-23T15:20` → `23 Nov 2026, 15:20` (wall-clock: no time-zone maths). */
export function when(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(iso ?? '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}, ${m[4]}:${m[5]}` : String(iso ?? '');
}

export function excerpt(text, max = 120) {
  const chars = Array.from((text ?? '').replace(/\s+/g, ' ').trim());
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}

const clientHref = (id) => `/casenotes/clients/${encodeURIComponent(id)}`;
const consultationHref = (id) => `/casenotes/consultations/${encodeURIComponent(id)}`;
const visitBadge = (code) =>
  `<span class="cn-badge cn-badge-${code === 'FIRST' ? 'first' : 'follow'}" data-cn-visit-type="${esc(code)}">${esc(VISIT_TYPES[code] ?? code)}</span>`;

// The HTML parser drops one newline straight after <textarea>, so text that
// itself starts with a newline needs a sacrificial one to survive.
const textareaText = (text) => (/^\r?\n/.test(text ?? '') ? `\n${esc(text)}` : esc(text));

export function page({ title, tab = 'clients', body }) {
  const tabs = [
    ['clients', 'Clients', '/casenotes/clients'],
    ['clinic', 'Clinic list', null],
    ['reports', 'Reports', null],
  ]
    .map(([id, label, href]) =>
      href
        ? `<a class="cn-tab${id === tab ? ' cn-tab-on' : ''}" href="${esc(href)}"${id === tab ? ' aria-current="page"' : ''}>${esc(label)}</a>`
        : `<span class="cn-tab cn-tab-off" aria-disabled="true">${esc(label)}</span>`,
    )
    .join('');
  return `${pageHead(title, ' | Harbour Case Notes', '/casenotes/assets/casenotes.css')}
<body class="cn">
<div class="cn-masthead">
<div class="cn-service">Harbour Drug &amp; Alcohol Service<small>Case Notes · chemsex clinic</small></div>
<div class="cn-signed-in">Signed in: <span class="cn-user" data-cn-user>Jess Bright</span></div>
</div>
<nav class="cn-tabs" aria-label="Sections">${tabs}</nav>
<div class="cn-sheet">
${body}
</div>
<p class="cn-colophon">Training copy. Every client in this system is invented.</p>
<script src="/casenotes/assets/casenotes.js" defer></script>
</body>
</html>
`;
}

export function clientListView(rows) {
  const items = rows
    .map(
      ({ client, latest, keyworker }) => `<li class="cn-client" data-cn-client-id="${esc(client.id)}">
<a class="cn-client-name" href="${esc(clientHref(client.id))}">${esc(client.name)}</a>
<span class="cn-client-ref">${esc(client.id)}</span>
<span class="cn-client-meta">${esc(client.pronouns)} · keyworker ${esc(keyworker?.name ?? '—')}${latest ? ` · last seen ${esc(when(latest.at))}` : ''}</span>
</li>`,
    )
    .join('\n');
  return `<h1 class="cn-h1">Clients</h1>
<ul class="cn-clients">
${items}
</ul>`;
}

export function clientView(client, consultations, keyworker) {
  const cards = consultations
    .map(
      ({ consultation: c, worker }) => `<article class="cn-consult" data-cn-consultation="${esc(c.id)}" data-cn-at="${esc(c.at)}">
<header class="cn-consult-head">
<a class="cn-consult-when" href="${esc(consultationHref(c.id))}">${esc(when(c.at))}</a>
${visitBadge(c.visitType)}
<span class="cn-consult-worker">${esc(worker?.name ?? '')}</span>
</header>
<p class="cn-consult-note">${c.consultationNote ? esc(excerpt(c.consultationNote)) : '<em>No consultation note yet.</em>'}</p>
<div class="cn-consult-handover"><span class="cn-kicker">Handover</span> <span class="cn-handover-excerpt">${c.handover ? esc(excerpt(c.handover, 90)) : '—'}</span><div class="cn-handover-full" hidden>${esc(c.handover)}</div></div>
</article>`,
    )
    .join('\n');
  return `<div class="cn-client-header" data-cn-client-id="${esc(client.id)}">
<p class="cn-trail"><a href="/casenotes/clients">Clients</a> → ${esc(client.name)}</p>
<h1 class="cn-h1">${esc(client.name)} <span class="cn-ref">${esc(client.id)}</span></h1>
<p class="cn-client-facts">${esc(client.pronouns)} · born ${esc(client.born)} · keyworker ${esc(keyworker?.name ?? '—')}</p>
</div>
<h2 class="cn-h2">Consultations</h2>
<div class="cn-consultations">
${cards || '<p class="cn-none">No consultations yet.</p>'}
</div>`;
}

// The client's previous consultation, beside the editor as the service's
// history pane: when, who, and its handover in full, so the next worker
// starts from it (seed 003). Always present; it says so when there is none.
function previousView(previous) {
  if (!previous) {
    return `<section class="cn-previous" data-cn-previous aria-labelledby="cn-previous-title">
<h2 class="cn-h2" id="cn-previous-title">Previous consultation</h2>
<p class="cn-none">No earlier consultation for this client.</p>
</section>`;
  }
  const { consultation: p, worker } = previous;
  return `<section class="cn-previous" data-cn-previous aria-labelledby="cn-previous-title">
<h2 class="cn-h2" id="cn-previous-title">Previous consultation</h2>
<p class="cn-previous-meta"><a href="${esc(consultationHref(p.id))}" data-cn-previous-at="${esc(p.at)}">${esc(when(p.at))}</a> · ${visitBadge(p.visitType)} · <span class="cn-previous-worker">${esc(worker?.name ?? '')}</span></p>
<h3 class="cn-kicker">Handover</h3>
<div class="cn-previous-handover">${esc(p.handover)}</div>
${p.handover ? '' : '<p class="cn-none">No handover was written.</p>'}
</section>`;
}

export function consultationView({ consultation: c, client, worker, previous = null }) {
  const riskOptions = [['', 'Not set'], ...Object.entries(RISK_FLAGS)]
    .map(([code, label]) => `<option value="${esc(code)}"${code && code === c.riskFlag ? ' selected' : ''}>${esc(label)}</option>`)
    .join('');
  return `<div class="cn-editor" data-cn-editor data-cn-consultation="${esc(c.id)}">
<p class="cn-trail"><a href="/casenotes/clients">Clients</a> → <a href="${esc(clientHref(c.clientId))}">${esc(client?.name ?? c.clientId)}</a> → Consultation</p>
<h1 class="cn-h1">Consultation: ${esc(client?.name ?? c.clientId)}</h1>
<dl class="cn-meta">
<div><dt>Client</dt><dd data-cn-client="${esc(c.clientId)}">${esc(client?.name ?? '')} (${esc(c.clientId)})</dd></div>
<div><dt>Seen</dt><dd data-cn-at="${esc(c.at)}">${esc(when(c.at))}</dd></div>
<div><dt>Visit</dt><dd>${visitBadge(c.visitType)}</dd></div>
<div><dt>Worker</dt><dd>${esc(worker?.name ?? '')}</dd></div>
</dl>
${previousView(previous)}
<div class="cn-panes">
<section class="cn-pane">
<h2 class="cn-h2"><label for="cn-consultation-note">Consultation note</label></h2>
<p class="cn-guide">Brief, 20-minute session: use, goals, change, harm reduction.</p>
<textarea id="cn-consultation-note" class="cn-text" data-cn-field="consultation-note" rows="16">${textareaText(c.consultationNote)}</textarea>
</section>
<section class="cn-pane cn-pane-handover">
<h2 class="cn-h2"><label for="cn-handover">Handover for the next worker</label></h2>
<p class="cn-guide">What the next worker needs to pick up from here.</p>
<textarea id="cn-handover" class="cn-text" data-cn-field="handover" rows="16">${textareaText(c.handover)}</textarea>
</section>
</div>
<div class="cn-extras">
<p><label for="cn-return-on">Next appointment</label> <input id="cn-return-on" type="date" data-cn-field="return-on" value="${esc(c.returnOn)}"></p>
<p><label for="cn-risk-flag">Urgent risk flag</label> <select id="cn-risk-flag" data-cn-field="risk-flag">${riskOptions}</select></p>
</div>
<div class="cn-savebar">
<span class="cn-state" data-cn-state role="status" aria-live="polite">${c.savedAt ? 'Saved' : 'Not saved yet'}</span>
<button type="button" class="cn-button" data-cn-action="save">Save consultation</button>
</div>
</div>`;
}

export function notFoundView(message = 'Nothing here.') {
  return `<h1 class="cn-h1">Page not found</h1>
<p class="cn-problem">${esc(message)}</p>
<p><a href="/casenotes/clients">Back to clients</a></p>`;
}
