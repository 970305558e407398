// Server-side HTML for the demo portal. Each page's <main> content is built by
// a *View function so the client-side transition gets byte-identical markup.
// Every piece of record text goes through esc(): notes are user-written.

import { ATTENDANCE_OPTIONS } from './store.mjs';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** `2026-11-23T14:00` → `23/11/2026 14:00` (no time-zone maths: MPB shows wall-clock time). */
export function formatDateTime(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : String(iso ?? '');
}

export function formatDate(isoDate) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(isoDate ?? '');
}

export function excerpt(text, max = 80) {
  const chars = Array.from(text ?? '');
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}

const attendanceLabel = (a) => a || 'Not recorded';
// The portal's own words for its session types (the adapter matches the
// data-session-type attribute, not this text).
const SESSION_TYPE_LABELS = { 'follow-up': 'Follow-up session', 'initial-assessment': 'Initial assessment' };
const sessionTypeLabel = (type) => SESSION_TYPE_LABELS[type] ?? type;
const clientHref = (id) => `/mpb/clients/${encodeURIComponent(id)}`;
const sessionHref = (id) => `/mpb/sessions/${encodeURIComponent(id)}`;

// The script is `defer`: a plain blocking <script src> makes happy-dom fetch
// it synchronously, which deadlocks when the server shares the test's process.
export function layout({ title, body }) {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${esc(title)} - MPB</title>
<link rel="stylesheet" href="/mpb/static/portal.css">
</head>
<body class="mpb">
<header id="portal-header">Making People Better — Therapist Portal</header>
<nav id="portal-nav"><a href="/mpb/caseload">Caseload</a><span class="nav-user">Logged in as: <b>Dr A. Example</b></span></nav>
<main id="content">${body}</main>
<footer id="portal-footer">MPB Therapist Portal v4.2.1 &middot; Demonstration system &middot; All client records are fictional</footer>
<script src="/mpb/static/portal.js" defer></script>
</body>
</html>
`;
}

function breadcrumb(parts) {
  const items = parts.map(([label, href]) => (href ? `<a href="${esc(href)}">${esc(label)}</a>` : `<span>${esc(label)}</span>`));
  return `<div class="breadcrumb">${items.join(' › ')}</div>`;
}

function noteCell(note) {
  return `<td class="col-note"><span class="note-excerpt">${esc(excerpt(note))}</span><div class="note-full" hidden>${esc(note)}</div></td>`;
}

export function caseloadView(rows) {
  const body = rows
    .map(
      ({ client, session }) => `
<tr class="caseload-row" data-session-id="${esc(session.id)}" data-client-id="${esc(client.id)}" data-session-type="${esc(session.type)}">
<td class="col-client"><a href="${esc(clientHref(client.id))}">${esc(client.name)}</a></td>
<td class="col-when" data-iso="${esc(session.start)}">${esc(formatDateTime(session.start))}</td>
<td class="col-attendance">${esc(attendanceLabel(session.attendance))}</td>
${noteCell(session.clinicalNote)}
<td class="col-open"><a href="${esc(sessionHref(session.id))}">Open</a></td>
</tr>`,
    )
    .join('');
  return `<div class="view" data-view="caseload" data-title="Caseload">
${breadcrumb([['Caseload']])}
<h1>Caseload</h1>
<table id="caseload" class="grid">
<thead><tr><th>Client</th><th>Date/time</th><th>Attendance</th><th>Clinical note</th><th></th></tr></thead>
<tbody>${body}
</tbody>
</table>
</div>`;
}

export function clientView(client) {
  const sessions = [...client.sessions].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const rows = sessions
    .map(
      (s) => `
<tr data-session-id="${esc(s.id)}" data-session-type="${esc(s.type)}">
<td class="col-when" data-iso="${esc(s.start)}"><a class="session-link" href="${esc(sessionHref(s.id))}">${esc(formatDateTime(s.start))}</a></td>
<td class="col-type">${esc(sessionTypeLabel(s.type))}</td>
<td class="col-attendance">${esc(attendanceLabel(s.attendance))}</td>
${noteCell(s.clinicalNote)}
</tr>`,
    )
    .join('');
  const title = `Client record – ${client.name}`;
  return `<div class="view" data-view="client" data-client-id="${esc(client.id)}" data-title="${esc(title)}">
${breadcrumb([['Caseload', '/mpb/caseload'], [client.name]])}
<h1 id="client-title">${esc(title)}</h1>
<fieldset id="client-details"><legend>Client details</legend>
<table class="summary"><tbody>
<tr><th scope="row">Name</th><td><span id="client-name">${esc(client.name)}</span></td></tr>
<tr><th scope="row">Client ID</th><td><span id="client-id">${esc(client.id)}</span></td></tr>
<tr><th scope="row">Date of birth</th><td><span id="client-dob" data-iso="${esc(client.dateOfBirth)}">${esc(formatDate(client.dateOfBirth))}</span></td></tr>
<tr><th scope="row">Preferred contact method (agreed at contracting)</th><td><span id="preferred-contact">${esc(client.preferredContact)}</span></td></tr>
</tbody></table>
</fieldset>
<fieldset id="client-sessions-section"><legend>Sessions</legend>
<table id="client-sessions" class="grid">
<thead><tr><th>Date/time</th><th>Type</th><th>Attendance</th><th>Clinical note</th></tr></thead>
<tbody>${rows}
</tbody>
</table>
</fieldset>
</div>`;
}

export function sessionView(client, session) {
  const when = formatDateTime(session.start);
  const kind = session.type === 'initial-assessment' ? 'Initial assessment' : 'Session';
  const title = `${kind} – ${client.name} – ${when}`;
  // The blank option is selected by default, so it carries no `selected`
  // (happy-dom mis-resolves parser-set `selected`, capricorn86/happy-dom#2372;
  // this keeps at least the common unrecorded case right there).
  const options = ['', ...ATTENDANCE_OPTIONS]
    .map(
      (label) =>
        `<option value="${esc(label)}"${label && label === session.attendance ? ' selected' : ''}>${esc(label || '-- Select --')}</option>`,
    )
    .join('\n');
  // The HTML parser drops one newline straight after <textarea>, so a note
  // that itself starts with a newline needs a sacrificial one to survive.
  const note = session.clinicalNote;
  const noteText = /^\r?\n/.test(note) ? `\n${esc(note)}` : esc(note);
  return `<div class="view" data-view="session" data-session-id="${esc(session.id)}" data-client-id="${esc(client.id)}" data-title="${esc(title)}">
${breadcrumb([['Caseload', '/mpb/caseload'], [client.name, clientHref(client.id)], [kind]])}
<h1 id="session-title">${esc(title)}</h1>
<fieldset id="client-summary"><legend>Client</legend>
<table class="summary"><tbody>
<tr><th scope="row">Client</th><td><span id="client-name">${esc(client.name)}</span> (<a href="${esc(clientHref(client.id))}">${esc(client.id)}</a>)</td></tr>
<tr><th scope="row">Preferred contact method (agreed at contracting)</th><td><span id="preferred-contact">${esc(client.preferredContact)}</span></td></tr>
<tr><th scope="row">Session date/time</th><td><span id="session-start" data-iso="${esc(session.start)}">${esc(when)}</span></td></tr>
<tr><th scope="row">Session type</th><td><span id="session-type" data-session-type="${esc(session.type)}">${esc(sessionTypeLabel(session.type))}</span></td></tr>
</tbody></table>
</fieldset>
<div id="flash" role="status"></div>
<form id="session-form" data-session-id="${esc(session.id)}" data-client-id="${esc(client.id)}" data-session-type="${esc(session.type)}" action="/mpb/api/sessions/${esc(encodeURIComponent(session.id))}" method="post">
<fieldset id="attendance-section"><legend>Attendance</legend>
<label for="attendance">Attendance</label>
<select id="attendance" name="attendance">
${options}
</select>
</fieldset>
<fieldset id="note-section"><legend>Clinical Note</legend>
<label for="clinical-note">Clinical note</label><br>
<textarea id="clinical-note" name="clinicalNote" rows="12" cols="80">${noteText}</textarea>
</fieldset>
<fieldset id="next-session-section"><legend>Add next session</legend>
<label for="next-session">Next session date/time</label>
<input type="datetime-local" id="next-session" name="nextSession" value="${esc(session.nextSession)}">
</fieldset>
<div class="button-row">
<button type="button" id="save-session" class="portal-btn">Save</button>
<button type="button" id="save-close" class="portal-btn">Save &amp; Close</button>
</div>
</form>
</div>`;
}

export function notFoundView(message = 'The page you requested could not be found.') {
  return `<div class="view" data-view="not-found" data-title="Page not found">
${breadcrumb([['Caseload', '/mpb/caseload'], ['Not found']])}
<h1>Page not found</h1>
<p class="error-text">${esc(message)}</p>
<p><a href="/mpb/caseload">Return to caseload</a></p>
</div>`;
}

export function elsewherePage() {
  // Deliberately reuses a portal-looking id so detection can't key on ids alone.
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Not a portal</title></head>
<body>
<h1>Not a portal</h1>
<p>This page is unrelated to any records portal. Chartguard should stay out of the way here.</p>
<form id="feedback" onsubmit="return false">
<p><label for="comments">Comments</label><br>
<textarea id="comments" name="comments" rows="6" cols="60"></textarea></p>
<p><button type="button" id="save-session">Save</button></p>
</form>
</body>
</html>
`;
}
