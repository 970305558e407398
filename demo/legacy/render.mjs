// Hollybrook EHR's server-rendered HTML: the frame shell, the navigation
// frame, and the working screens that load in its "RBody" iframe (caseload,
// session encounter, consultation handover). Record text always goes through
// esc(); notes are stored as HTML and only ever reach the page escaped, inside
// a <textarea> (which the TinyMCE editor reads) or a data island.

import { esc } from '../http.mjs';
import {
  ATTENDANCE,
  CONTACT_METHODS,
  GOALS,
  REBOOK_OUTCOMES,
  REMINDER_CHANNELS,
  SESSION_TYPES,
  sortableDate,
  VISIT_TYPES,
} from './store.mjs';

const APP = 'Hollybrook EHR';
const label = (list, code) => list.find(([c]) => c === code)?.[1] ?? '';
const encounterHref = (eid) => `/legacy/encounter.php?eid=${encodeURIComponent(eid)}`;
const handoverHref = (hid) => `/legacy/handover.php?hid=${encodeURIComponent(hid)}`;

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The words of an HTML note, for list excerpts (block ends become line breaks). */
export function noteText(html) {
  return String(html ?? '')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name) => ENTITIES[name])
    .replace(/\n+$/, '');
}

/**
 * A stored note as markup for the contenteditable editor: everything escaped,
 * then only bare paragraph and inline-emphasis tags (no attributes) restored,
 * so a saved note can never carry script into the page.
 */
export function simpleHtml(html) {
  return esc(html).replace(/&lt;(\/?)(p|br|strong|em|b|i|u|ul|ol|li)&gt;/g, '<$1$2>');
}

function excerpt(text, max = 70) {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}

// The widget libraries, served by the demo server from node_modules
// (demo/vendor.mjs). Deferred scripts keep their order.
const VENDOR = {
  jquery: ['/legacy/vendor/jquery/jquery.min.js'],
  select2: ['/legacy/vendor/select2/js/select2.min.js'],
  chosen: ['/legacy/vendor/chosen/chosen.jquery.min.js'],
  tomSelect: ['/legacy/vendor/tom-select/js/tom-select.complete.min.js'],
  flatpickr: ['/legacy/vendor/flatpickr/flatpickr.min.js'],
  jqueryUi: ['/legacy/vendor/jquery-ui/jquery-ui.min.js'],
  tinymce: ['/legacy/vendor/tinymce/tinymce.min.js'],
};
const VENDOR_CSS = {
  select2: '/legacy/vendor/select2/css/select2.min.css',
  chosen: '/legacy/vendor/chosen/chosen.min.css',
  tomSelect: '/legacy/vendor/tom-select/css/tom-select.default.min.css',
  flatpickr: '/legacy/vendor/flatpickr/flatpickr.min.css',
  jqueryUi: '/legacy/vendor/jquery-ui/themes/base/jquery-ui.min.css',
};

function workPage({ title, page, body, libs = [] }) {
  const css = libs.filter((l) => VENDOR_CSS[l]).map((l) => `<link rel="stylesheet" href="${VENDOR_CSS[l]}">`);
  const scripts = libs.flatMap((l) => VENDOR[l] ?? []).map((src) => `<script src="${src}" defer></script>`);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${esc(title)} :: ${APP}</title>
${css.join('\n')}
<link rel="stylesheet" href="/legacy/static/legacy.css">
${scripts.join('\n')}
<script src="/legacy/static/legacy.js" defer></script>
</head>
<body class="hb-work" data-page="${esc(page)}">
${body}
</body>
</html>
`;
}

/** The top document: title bar, navigation frame and the working-screen iframe. */
export function shellPage(workSrc) {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${APP}</title>
<link rel="stylesheet" href="/legacy/static/legacy.css">
</head>
<body class="hb-shell">
<div id="hb-titlebar"><b>${APP}</b> <span>v6.0.3 (build 2011-04)</span><span class="hb-user">User: <b>clinician1</b> &middot; Hollybrook Psychological Therapies</span></div>
<div id="hb-frames">
<iframe id="nav-frame" name="Nav" src="/legacy/nav.php" title="Navigation"></iframe>
<iframe id="work-frame" name="RBody" src="${esc(workSrc)}" title="Working screen"></iframe>
</div>
</body>
</html>
`;
}

export function navPage() {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Navigation :: ${APP}</title><link rel="stylesheet" href="/legacy/static/legacy.css"></head>
<body class="hb-nav">
<div class="hb-nav-head">Menu</div>
<ul id="nav-menu">
<li><a id="nav-caseload" href="/legacy/caseload.php" target="RBody">Caseload</a></li>
<li><a id="nav-handovers" href="/legacy/caseload.php#handovers" target="RBody">Handovers</a></li>
</ul>
<div class="hb-nav-foot">F1 Help</div>
</body>
</html>
`;
}

function savedBanner(show, what) {
  return show
    ? `<div id="saved-banner" class="hb-saved" role="status">Saved${what ? ` <span class="hb-saved-what">${esc(what)}</span>` : ''}</div>`
    : '';
}

export function caseloadPage(encounters, handovers, patient, saved) {
  const encounterRows = encounters
    .map((e) => {
      const p = patient(e.pid);
      return `<tr class="enc-row" data-eid="${esc(e.eid)}" data-pid="${esc(e.pid)}" data-session-type="${esc(e.type)}">
<td class="c-patient">${esc(p?.name)}</td>
<td class="c-when" data-value="${esc(e.start)}" data-sort="${esc(sortableDate(e.start))}">${esc(e.start)}</td>
<td class="c-type">${esc(SESSION_TYPES[e.type])}</td>
<td class="c-attendance" data-code="${esc(e.attendance)}">${esc(label(ATTENDANCE, e.attendance))}</td>
<td class="c-note"><span class="c-note-excerpt">${esc(excerpt(noteText(e.clinicalNote)))}</span><span class="c-note-full" hidden>${esc(noteText(e.clinicalNote))}</span></td>
<td class="c-open"><a href="${esc(encounterHref(e.eid))}">Open</a></td>
</tr>`;
    })
    .join('\n');
  const handoverRows = handovers
    .map((h) => {
      const p = patient(h.pid);
      return `<tr class="ho-row" data-hid="${esc(h.hid)}" data-pid="${esc(h.pid)}" data-visit-type="${esc(h.visitType)}">
<td class="c-patient">${esc(p?.name)}</td>
<td class="c-when" data-value="${esc(h.seenAt)}" data-sort="${esc(sortableDate(h.seenAt))}">${esc(h.seenAt)}</td>
<td class="c-type">${esc(label(VISIT_TYPES, h.visitType))}</td>
<td class="c-note"><span class="c-note-excerpt">${esc(excerpt(noteText(h.note)))}</span><span class="c-note-full" hidden>${esc(noteText(h.note))}</span></td>
<td class="c-open"><a href="${esc(handoverHref(h.hid))}">Open</a></td>
</tr>`;
    })
    .join('\n');
  const body = `${savedBanner(saved?.ok, saved?.what)}
<h1 class="hb-title">Caseload</h1>
<table id="caseload" class="hb-list">
<thead><tr><th>Patient</th><th>Date/time</th><th>Type</th><th>Attendance</th><th>Clinical note</th><th></th></tr></thead>
<tbody>
${encounterRows}
</tbody>
</table>
<h2 id="handovers" class="hb-title">Consultation handovers</h2>
<table id="handover-list" class="hb-list">
<thead><tr><th>Patient</th><th>Seen</th><th>Visit</th><th>Handover note</th><th></th></tr></thead>
<tbody>
${handoverRows}
</tbody>
</table>`;
  return workPage({ title: 'Caseload', page: 'caseload', body });
}

function options(list, selected, blankLabel = '') {
  return [['', blankLabel], ...list]
    .map(([code, text]) => `<option value="${esc(code)}"${code && code === selected ? ' selected' : ''}>${esc(text)}</option>`)
    .join('\n');
}

function radios(name, idPrefix, list, checked) {
  return list
    .map(
      ([code, text]) =>
        `<label class="hb-radio"><input type="radio" id="${idPrefix}-${esc(code.toLowerCase())}" name="${name}" value="${esc(code)}"${code === checked ? ' checked' : ''}> ${esc(text)}</label>`,
    )
    .join('\n');
}

function checkbox(name, id, text, value) {
  return `<label class="hb-check"><input type="checkbox" id="${id}" name="${name}" value="Y"${value === 'Y' ? ' checked' : ''}> ${esc(text)}</label>`;
}

// The HTML parser drops one newline straight after <textarea>.
const textareaText = (value) => (/^\r?\n/.test(value) ? `\n${esc(value)}` : esc(value));

function patientBanner(p, extra) {
  return `<div id="patient-banner" class="hb-banner" data-pid="${esc(p.pid)}">
<span class="hb-banner-name" id="patient-name">${esc(p.name)}</span>
<span>PID <b id="patient-id">${esc(p.pid)}</b></span>
<span>DOB <b id="patient-dob">${esc(p.dob)}</b></span>
<span>Preferred contact: <b id="preferred-contact" data-code="${esc(p.preferredContact)}">${esc(label(CONTACT_METHODS, p.preferredContact))}</b></span>
${extra}
</div>`;
}

export function encounterPage(p, e, saved) {
  const body = `${patientBanner(
    p,
    `<span>Session: <b id="session-start" data-sort="${esc(sortableDate(e.start))}">${esc(e.start)}</b></span>
<span>Type: <b id="session-type" data-session-type="${esc(e.type)}">${esc(SESSION_TYPES[e.type])}</b></span>`,
  )}
${savedBanner(saved)}
<h1 class="hb-title">Encounter ${esc(e.eid)}: ${esc(SESSION_TYPES[e.type])}</h1>
<form id="encounter-form" name="encounter" method="post" action="${esc(encounterHref(e.eid))}" data-eid="${esc(e.eid)}" autocomplete="off">
<table class="hb-form">
<tr><th><label for="attendance">Attendance</label></th>
<td><select id="attendance" name="attendance" class="js-select2" data-placeholder="-- select --">
${options(ATTENDANCE, e.attendance)}
</select></td></tr>
<tr><th><label for="contact-method">Patient informed by</label></th>
<td><select id="contact-method" name="contactMethod" class="js-chosen" data-placeholder="Choose a contact method">
${options(CONTACT_METHODS, e.contactMethod)}
</select></td></tr>
<tr><th><label for="informed-at">Patient informed at</label></th>
<td><input type="text" id="informed-at" name="informedAt" class="js-flatpickr" value="${esc(e.informedAt)}" placeholder="DD/MM/YYYY HH:mm"></td></tr>
<tr><th>Rebooking</th>
<td><fieldset id="rebook-outcome" class="hb-radios"><legend>Rebooking outcome</legend>
${radios('rebookOutcome', 'rebook', REBOOK_OUTCOMES, e.rebookOutcome)}
</fieldset></td></tr>
<tr><th><label for="next-session">Next session</label></th>
<td><input type="text" id="next-session" name="nextSession" class="js-flatpickr" value="${esc(e.nextSession)}" placeholder="DD/MM/YYYY HH:mm"></td></tr>
<tr><th><label for="recontact-by">Recontact by</label></th>
<td><input type="text" id="recontact-by" name="recontactBy" class="js-datepicker" value="${esc(e.recontactBy)}" placeholder="DD/MM/YYYY" size="12"></td></tr>
<tr><th><label for="reminder-channel">Reminder channel</label></th>
<td><select id="reminder-channel" name="reminderChannel" class="js-tomselect" placeholder="No channel chosen">
${options(REMINDER_CHANNELS, e.reminderChannel, '-- not set --')}
</select></td></tr>
<tr><th>Flags</th>
<td id="flags">
${checkbox('riskConcern', 'risk-concern', 'Risk concern raised', e.riskConcern)}
${checkbox('clientUnhappy', 'client-unhappy', 'Patient unhappy with the change', e.clientUnhappy)}
${checkbox('planAgreed', 'plan-agreed', 'Treatment plan agreed', e.planAgreed)}
</td></tr>
<tr><th><label for="clinical-note">Clinical note</label></th>
<td><textarea id="clinical-note" name="clinicalNote" rows="14" cols="80" class="js-tinymce">${textareaText(e.clinicalNote)}</textarea></td></tr>
</table>
<input type="hidden" id="next-page" name="next" value="">
<div class="hb-buttons">
<button type="submit" id="save-encounter" name="action" value="save">Save</button>
<a href="#" id="save-return" role="button" class="hb-linkbtn">Save and return to caseload</a>
<button type="button" id="quick-save" title="Saves as soon as it is pressed">Quick save</button>
<hb-sign-bar id="sign-bar"></hb-sign-bar>
<span class="hb-hint">Alt+S or Ctrl+Enter saves</span>
</div>
</form>`;
  return workPage({
    title: `Encounter ${e.eid}`,
    page: 'encounter',
    body,
    libs: ['jquery', 'select2', 'chosen', 'tomSelect', 'flatpickr', 'jqueryUi', 'tinymce'],
  });
}

export function handoverPage(p, h, saved) {
  const body = `${patientBanner(p, `<span>Seen: <b id="seen-at" data-sort="${esc(sortableDate(h.seenAt))}">${esc(h.seenAt)}</b></span>`)}
${savedBanner(saved)}
<h1 class="hb-title">Consultation handover ${esc(h.hid)}</h1>
<form id="handover-form" name="handover" method="post" action="${esc(handoverHref(h.hid))}" data-hid="${esc(h.hid)}" autocomplete="off">
<table class="hb-form">
<tr><th>Visit type</th>
<td><fieldset id="visit-type" class="hb-radios"><legend>Visit type</legend>
${radios('visitType', 'visit', VISIT_TYPES, h.visitType)}
</fieldset></td></tr>
<tr><th><label for="goal">Patient's goal</label></th>
<td><select id="goal" name="goal" class="js-tomselect" placeholder="No goal chosen">
${options(GOALS, h.goal, '-- not set --')}
</select></td></tr>
<tr><th>Flags</th>
<td id="flags">
${checkbox('urgentRisk', 'urgent-risk', 'Urgent risks identified', h.urgentRisk)}
${checkbox('followUpEmailSent', 'follow-up-email', 'Follow-up email sent', h.followUpEmailSent)}
</td></tr>
<tr><th><label for="return-on">Returning on</label></th>
<td><input type="text" id="return-on" name="returnOn" class="js-datepicker" value="${esc(h.returnOn)}" placeholder="DD/MM/YYYY" size="12"></td></tr>
<tr><th><span id="handover-note-label">Handover note</span></th>
<td><div id="handover-note" class="hb-editable" contenteditable="true" role="textbox" aria-multiline="true" aria-labelledby="handover-note-label">${simpleHtml(h.note)}</div>
<input type="hidden" id="handover-note-value" name="note" value="${esc(h.note)}"></td></tr>
</table>
<div class="hb-buttons">
<button type="submit" id="save-handover" name="action" value="save">Save</button>
<span class="hb-hint">Alt+S or Ctrl+Enter saves</span>
</div>
</form>`;
  return workPage({ title: `Handover ${h.hid}`, page: 'handover', body, libs: ['jquery', 'tomSelect', 'jqueryUi'] });
}

export function errorPage(status, message) {
  const body = `<h1 class="hb-title">Error ${esc(status)}</h1>
<p id="form-error" class="hb-error">${esc(message)}</p>
<p><a href="javascript:history.back()">Back</a> &middot; <a href="/legacy/caseload.php">Caseload</a></p>`;
  return workPage({ title: 'Error', page: 'error', body });
}
