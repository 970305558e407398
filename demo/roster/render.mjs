// Server-side HTML for the CareRoster demo: an app-style shell with a sidebar,
// cards and div-based rows and forms keyed by data-* attributes, so it shares
// no markup conventions with the table-and-id MPB portal.
// Every piece of record text goes through esc(): reports are user-written.

import { dateParts, esc, longDate, pageHead } from '../http.mjs';
import { PLANNED_LABEL, VISIT_STATUSES } from './store.mjs';

export { longDate };

/** `2026-11-23T12:30` → `Mon 23 Nov 2026 · 12:30` (wall-clock: no time-zone maths). */
export function shortDateTime(iso) {
  const p = dateParts(iso);
  return p ? `${p.day.slice(0, 3)} ${p.d} ${p.month.slice(0, 3)} ${p.y} · ${p.time}` : String(iso ?? '');
}

export const timeOf = (iso) => dateParts(iso)?.time ?? '';

export function excerpt(text, max = 70) {
  const chars = Array.from((text ?? '').replace(/\s+/g, ' ').trim());
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}

const statusLabel = (code) => VISIT_STATUSES[code] ?? PLANNED_LABEL;
const pillClass = (code) => `rs-pill rs-pill-${(code || 'planned').toLowerCase().replace('_', '-')}`;
const scheduleHref = (date, workerId) => `/roster/schedule/${encodeURIComponent(date)}/${encodeURIComponent(workerId)}`;
const visitHref = (id) => `/roster/visits/${encodeURIComponent(id)}`;

// Text shown in the contenteditable report box: one <br> per line break, as
// the browser itself produces when someone types there.
const reportHtml = (text) =>
  String(text ?? '')
    .split(/\r?\n/)
    .map(esc)
    .join('<br>');

export function shell({ title, crumbs = [], body }) {
  const trail = crumbs
    .map(([label, href]) => (href ? `<a href="${esc(href)}">${esc(label)}</a>` : `<span aria-current="page">${esc(label)}</span>`))
    .join('<span class="rs-sep" aria-hidden="true">/</span>');
  return `${pageHead(title, ' · CareRoster', '/roster/assets/roster.css')}
<body class="rs-body">
<div class="rs-app">
<aside class="rs-sidebar">
<div class="rs-brand"><span class="rs-logo" aria-hidden="true">◐</span> CareRoster</div>
<p class="rs-agency">Calder Valley Home Care</p>
<nav aria-label="Main">
<a class="rs-nav-item" href="/roster/schedule" data-nav="rota">Today's rota</a>
<a class="rs-nav-item" href="/roster/schedule" data-nav="schedules">Visit schedules</a>
<span class="rs-nav-item rs-nav-disabled" aria-disabled="true">Timesheets</span>
<span class="rs-nav-item rs-nav-disabled" aria-disabled="true">Service users</span>
</nav>
<p class="rs-demo-note">Demonstration system. All people and visits are fictional.</p>
</aside>
<div class="rs-main">
<div class="rs-topbar"><nav class="rs-crumbs" aria-label="You are here">${trail}</nav><span class="rs-user">Office: Dana Whitfield</span></div>
<main class="rs-content">
${body}
</main>
</div>
</div>
<script src="/roster/assets/roster.js" defer></script>
</body>
</html>
`;
}

export function rotaView(date, rota, dates) {
  const otherDays = dates
    .map((d) =>
      d === date
        ? `<span class="rs-chip rs-chip-on" aria-current="date">${esc(longDate(d))}</span>`
        : `<a class="rs-chip" href="/roster/schedule/${esc(d)}">${esc(longDate(d))}</a>`,
    )
    .join(' ');
  const cards = rota
    .map(({ worker, visits }) => {
      const count = (code) => visits.filter((v) => v.status === code).length;
      return `<a class="rs-worker" href="${esc(scheduleHref(date, worker.id))}" data-worker-id="${esc(worker.id)}">
<span class="rs-worker-name">${esc(worker.name)}</span>
<span class="rs-worker-stats">${visits.length} visits · ${count('VISITED')} visited · ${count('LATE_CALL')} late · ${count('MISSED')} missed</span>
</a>`;
    })
    .join('\n');
  return `<section class="rs-card" data-page="rota" data-date="${esc(date)}">
<h1 class="rs-title">Rota for ${esc(longDate(date))}</h1>
<div class="rs-chips">${otherDays}</div>
<div class="rs-workers">
${cards || '<p class="rs-empty">No visits on this day.</p>'}
</div>
</section>`;
}

export function scheduleView(date, worker, rows) {
  const body = rows
    .map(
      ({
        visit,
        serviceUser,
      }) => `<div class="rs-visit" role="row" data-visit-id="${esc(visit.id)}" data-status="${esc(visit.status)}" data-href="${esc(visitHref(visit.id))}">
<span class="rs-cell rs-cell-time" role="cell" data-cell="expected" data-at="${esc(visit.expected)}">${esc(timeOf(visit.expected))}</span>
<span class="rs-cell" role="cell" data-cell="service-user">${esc(serviceUser?.name ?? visit.serviceUserId)}</span>
<span class="rs-cell" role="cell" data-cell="status" data-code="${esc(visit.status)}"><span class="${esc(pillClass(visit.status))}">${esc(statusLabel(visit.status))}</span></span>
<span class="rs-cell rs-cell-report" role="cell" data-cell="report"><span class="rs-excerpt">${esc(excerpt(visit.report))}</span><span class="rs-report-full" hidden>${esc(visit.report)}</span></span>
<span class="rs-cell" role="cell" data-cell="incident">${esc(visit.incidentRef)}</span>
<span class="rs-cell" role="cell"><a class="rs-open" href="${esc(visitHref(visit.id))}">Open visit</a></span>
</div>`,
    )
    .join('\n');
  return `<section class="rs-card" data-page="schedule" data-date="${esc(date)}" data-worker-id="${esc(worker.id)}">
<h1 class="rs-title">${esc(worker.name)}</h1>
<p class="rs-subtitle">Visit schedule · ${esc(longDate(date))}</p>
<div class="rs-schedule" role="table" aria-label="Visits for ${esc(worker.name)}">
<div class="rs-visit rs-visit-head" role="row">
<span role="columnheader">Expected</span><span role="columnheader">Service user</span><span role="columnheader">Status</span><span role="columnheader">Report</span><span role="columnheader">Incident ref.</span><span role="columnheader"><span class="rs-sr">Open</span></span>
</div>
${body || '<p class="rs-empty">No visits.</p>'}
</div>
</section>`;
}

export function visitView({ visit, worker, serviceUser }) {
  const options = [['', `${PLANNED_LABEL} (not yet recorded)`], ...Object.entries(VISIT_STATUSES)]
    .map(([code, label]) => `<option value="${esc(code)}"${code && code === visit.status ? ' selected' : ''}>${esc(label)}</option>`)
    .join('');
  // The roster only takes an actual time once the visit has happened.
  const timed = visit.status === 'VISITED' || visit.status === 'LATE_CALL';
  const date = visit.expected.slice(0, 10);
  return `<section class="rs-card rs-visit-card" data-page="visit" data-visit-form data-visit-id="${esc(visit.id)}" data-expected="${esc(visit.expected)}">
<header class="rs-card-head">
<h1 class="rs-title">Visit · ${esc(serviceUser?.name ?? '')}</h1>
<span class="${esc(pillClass(visit.status))}" data-role="status-pill">${esc(statusLabel(visit.status))}</span>
</header>
<div class="rs-facts">
<div class="rs-fact"><span class="rs-fact-label">Service user</span><span class="rs-fact-value" data-visit="service-user">${esc(serviceUser?.name ?? '')}</span></div>
<div class="rs-fact"><span class="rs-fact-label">Expected</span><span class="rs-fact-value" data-visit="expected" data-value="${esc(visit.expected)}">${esc(shortDateTime(visit.expected))}</span></div>
<div class="rs-fact"><span class="rs-fact-label">Length</span><span class="rs-fact-value">${esc(visit.durationMins)} min</span></div>
<div class="rs-fact"><span class="rs-fact-label">Care worker</span><span class="rs-fact-value" data-visit="worker">${esc(worker?.name ?? '')}</span></div>
<div class="rs-fact rs-fact-wide"><span class="rs-fact-label">Address</span><span class="rs-fact-value">${esc(serviceUser?.address ?? '')}</span></div>
<div class="rs-fact rs-fact-wide"><span class="rs-fact-label">Tasks</span><span class="rs-fact-value">${esc(visit.tasks ?? '')}</span></div>
</div>
<div class="rs-form" role="group" aria-labelledby="rs-form-title">
<h2 class="rs-form-title" id="rs-form-title">Record the visit</h2>
<div class="rs-field">
<label class="rs-label" for="rs-status">Visit outcome</label>
<select class="rs-input" id="rs-status" data-input="status">${options}</select>
</div>
<div class="rs-field">
<label class="rs-label" for="rs-actual">Actual visit time</label>
<input class="rs-input" id="rs-actual" type="datetime-local" data-input="actual-time" value="${esc(visit.actualTime)}"${timed ? '' : ' disabled'} aria-describedby="rs-actual-hint">
<span class="rs-hint" id="rs-actual-hint">Needed for a late call. Open once the visit is marked visited or late.</span>
</div>
<div class="rs-field">
<label class="rs-label" for="rs-incident">Incident report ref.</label>
<input class="rs-input" id="rs-incident" type="text" data-input="incident-ref" value="${esc(visit.incidentRef)}" maxlength="40" placeholder="IR-2026-0000" autocomplete="off">
</div>
<div class="rs-field rs-field-wide">
<span class="rs-label" id="rs-report-label">Visit report</span>
<div class="rs-report" contenteditable="true" role="textbox" aria-multiline="true" aria-labelledby="rs-report-label" data-input="report">${reportHtml(visit.report)}</div>
</div>
</div>
<footer class="rs-actions">
<button type="button" class="rs-btn rs-btn-primary" data-action="save-visit">Save visit</button>
<a class="rs-btn rs-btn-ghost" href="${esc(scheduleHref(date, visit.workerId))}">Back to schedule</a>
<span class="rs-toast" data-role="toast" role="status" aria-live="polite"></span>
</footer>
</section>`;
}

export function notFoundView(message = 'That page is not in the roster.') {
  return `<section class="rs-card" data-page="not-found">
<h1 class="rs-title">Page not found</h1>
<p class="rs-error">${esc(message)}</p>
<p><a href="/roster/schedule">Go to today's rota</a></p>
</section>`;
}
