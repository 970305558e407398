// Server-side HTML for Riverside Clinic, an outpatient appointments system
// built like an older server-rendered app: a real <form> that posts without
// scripts, controls known by their `name`, element ids numbered in render
// order (ctl-1, ctl-2, …, so they shift whenever a control is added), and a
// day sheet as an ordered list. Past the page head it shares no markup with the other portals.
// Every piece of record text goes through esc(): notes are user-written.

import { dateParts, esc, longDate, pageHead } from '../http.mjs';
import { APPOINTMENT_TYPES, OUTCOMES, REMINDER_CHANNELS } from './store.mjs';

/** `2026-11-23` → `Monday 23 November 2026`. */
export const dayHeading = longDate;

/** `2026-11-23T10:30` → `Mon 23/11/2026 at 10:30` (wall-clock: no time-zone maths). */
export function appointmentTime(iso) {
  const p = dateParts(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return p ? `${p.day.slice(0, 3)} ${pad(p.d)}/${pad(p.mo)}/${p.y} at ${p.time}` : String(iso ?? '');
}

export function excerpt(text, max = 90) {
  const chars = Array.from((text ?? '').replace(/\s+/g, ' ').trim());
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}

const appointmentHref = (ref) => `/clinic/appointments/${encodeURIComponent(ref)}`;

// The HTML parser drops one newline straight after <textarea>, so text that
// itself starts with a newline needs a sacrificial one to survive.
const textareaText = (text) => (/^\r?\n/.test(text ?? '') ? `\n${esc(text)}` : esc(text));

export function layout({ title, body }) {
  return `${pageHead(title, ' — Riverside Clinic', '/clinic/assets/clinic.css')}
<body class="rc">
<header class="rc-top">
<a class="rc-brand" href="/clinic/appointments">Riverside Clinic <span>Outpatients</span></a>
<span class="rc-user">Logged in as Dr Imogen Hale · <a href="/clinic/appointments">Day sheet</a></span>
</header>
<main class="rc-main" id="main">
${body}
</main>
<footer class="rc-foot">Riverside Clinic training system. All patients are fictional.</footer>
<script src="/clinic/assets/clinic.js" defer></script>
</body>
</html>
`;
}

export function daySheetView(days) {
  const sections = days
    .map(({ date, slots }) => {
      const items = slots
        .map(
          ({ appointment: a, patient, clinician }) => `<li class="rc-slot" data-appointment-ref="${esc(a.ref)}">
<time class="rc-slot-time" datetime="${esc(a.at)}">${esc(dateParts(a.at)?.time ?? a.at)}</time>
<a class="rc-slot-patient" href="${esc(appointmentHref(a.ref))}">${esc(patient?.name ?? a.patientId)}</a>
<span class="rc-slot-type" data-type="${esc(a.type)}">${esc(APPOINTMENT_TYPES[a.type] ?? a.type)}</span>
<span class="rc-slot-clinician">${esc(clinician?.name ?? '')}</span>
<span class="rc-slot-outcome" data-outcome="${esc(a.outcome)}">${a.outcome ? esc(a.outcome) : 'Awaiting outcome'}</span>
<p class="rc-slot-excerpt">${a.notes ? esc(excerpt(a.notes)) : '<i>No notes yet</i>'}</p>
<div class="rc-slot-notes" hidden>${esc(a.notes)}</div>
</li>`,
        )
        .join('\n');
      return `<section class="rc-day" data-date="${esc(date)}">
<h2>${esc(dayHeading(date))}</h2>
<ol class="rc-slots">
${items}
</ol>
</section>`;
    })
    .join('\n');
  return `<h1>Day sheet</h1>
<p class="rc-lede">Appointments by day. Open one to record its outcome and notes.</p>
<div class="rc-sheet" data-rc="day-sheet">
${sections || '<p class="rc-empty">No appointments.</p>'}
</div>`;
}

export function appointmentView({ appointment: a, patient, clinician }) {
  // Ids are numbered in render order, as the clinic's form builder does.
  let control = 0;
  const nextId = () => `ctl-${++control}`;
  const outcomeId = nextId();
  const notesId = nextId();
  const nextApptId = nextId();
  const options = ['', ...OUTCOMES]
    .map(
      (label) =>
        `<option value="${esc(label)}"${label && label === a.outcome ? ' selected' : ''}>${label ? esc(label) : '(choose an outcome)'}</option>`,
    )
    .join('');
  const status = a.savedAt
    ? `<p class="rc-status" data-rc="status" data-state="saved" role="status">Saved</p>`
    : `<p class="rc-status" data-rc="status" data-state="new" role="status">Not saved yet</p>`;
  return `<nav class="rc-crumbs" aria-label="Breadcrumb"><a href="/clinic/appointments">Day sheet</a> › Appointment ${esc(a.ref)}</nav>
<section class="rc-appointment" data-appointment-ref="${esc(a.ref)}">
<h1>Appointment notes · ${esc(patient?.name ?? a.patientId)}</h1>
<dl class="rc-facts">
<dt>Patient</dt><dd data-rc="patient">${esc(patient?.name ?? '')} <span class="rc-mrn">${esc(a.patientId)}</span></dd>
<dt>Appointment</dt><dd><time data-rc="starts" datetime="${esc(a.at)}">${esc(appointmentTime(a.at))}</time></dd>
<dt>Type</dt><dd data-rc="type" data-type="${esc(a.type)}">${esc(APPOINTMENT_TYPES[a.type] ?? a.type)}</dd>
<dt>Clinician</dt><dd>${esc(clinician?.name ?? '')}, ${esc(clinician?.service ?? '')}</dd>
<dt>Reminders by</dt><dd data-rc="reminders">${esc(REMINDER_CHANNELS[patient?.reminders] ?? '')}</dd>
</dl>
<form name="appointment-notes" class="rc-form" method="post" action="/clinic/api/appointments/${esc(encodeURIComponent(a.ref))}">
<div class="rc-row">
<label for="${outcomeId}">Outcome</label>
<select id="${outcomeId}" name="outcome">${options}</select>
</div>
<div class="rc-row">
<label for="${notesId}">Clinic notes</label>
<textarea id="${notesId}" name="notes" rows="14">${textareaText(a.notes)}</textarea>
</div>
<div class="rc-row">
<label for="${nextApptId}">Next appointment</label>
<input id="${nextApptId}" type="datetime-local" name="nextAppointment" value="${esc(a.nextAppointment)}">
</div>
<div class="rc-actions">
<button type="submit" class="rc-save" name="intent" value="save">Save notes</button>
<a class="rc-back" href="/clinic/appointments">Back to day sheet</a>
</div>
${status}
</form>
</section>`;
}

export function notFoundView(message = 'There is no such page.') {
  return `<h1>Not found</h1>
<p class="rc-problem">${esc(message)}</p>
<p><a href="/clinic/appointments">Back to the day sheet</a></p>`;
}
