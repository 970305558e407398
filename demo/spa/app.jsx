// Meadowbank Care's client (/spa): a React single-page app built from the real
// widget libraries a modern records front end uses, bundled by esbuild in
// demo/spa/routes.mjs. Layout and what each widget renders: STRUCTURE.md.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Autocomplete from '@mui/material/Autocomplete';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { ClassicEditor, Essentials, Paragraph, Bold, Italic, List } from 'ckeditor5';
import 'ckeditor5/ckeditor5.css';
import Quill from 'quill';
import 'quill/dist/quill.snow.css';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useVirtualizer } from '@tanstack/react-virtual';

dayjs.extend(customParseFormat);
ModuleRegistry.registerModules([AllCommunityModule]);

const DATE_FORMAT = 'DD/MM/YYYY HH:mm';
const ATTENDANCE = [
  ['ATT', 'Attended'],
  ['DNA', 'Did not attend'],
  ['CANC-PT', 'Cancelled by patient'],
  ['CANC-PT-SN', 'Cancelled by patient (less than 24 hours)'],
  ['CANC-CLIN', 'Cancelled by clinician'],
];
const CONTACT_METHODS = ['Telephone', 'Mobile phone', 'Text message (SMS)', 'Email', 'Video call', 'Voicemail left', 'In person'];
const AUTOSAVE_MS = 800;

/** The client-side route from the history API: /spa/session/123 -> {page:'session', id:'123'}. */
function parseRoute(pathname) {
  const [, prefix, page, id] = pathname.split('/');
  if (prefix !== 'spa') return { page: 'missing' };
  if (!page || page === 'caseload') return { page: 'caseload' };
  if ((page === 'session' || page === 'handover') && id) return { page, id: decodeURIComponent(id) };
  return { page: 'missing' };
}

function useRoute() {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return route;
}

function navigate(href) {
  history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
}

function Link({ href, children, ...rest }) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

async function putJson(url, body) {
  const res = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json();
  if (!res.ok) throw new Error(answer.error ?? `HTTP ${res.status}`);
  return answer;
}

/**
 * Saves for one record: `save()` (button and Ctrl+S) PUTs the record, `touch()`
 * schedules a debounced draft PUT; `keepDraft()` (the "Keep as draft" button,
 * and leaving the page with unsaved changes) sends the draft by
 * navigator.sendBeacon, which outlives the page and gets no answer; `status`
 * drives the "Saved" confirmation.
 */
function useSaves(apiPath, values) {
  const [status, setStatus] = useState({ state: 'idle' });
  const latest = useRef(values);
  latest.current = values;
  const timer = useRef(0);
  const dirty = useRef(false);
  const keepDraft = useCallback(() => {
    clearTimeout(timer.current);
    if (navigator.sendBeacon(`${apiPath}/draft`, JSON.stringify(latest.current))) {
      dirty.current = false;
      setStatus({ state: 'draft-sent' });
    }
  }, [apiPath]);
  const save = useCallback(async () => {
    clearTimeout(timer.current);
    setStatus({ state: 'saving' });
    try {
      const answer = await putJson(apiPath, latest.current);
      dirty.current = false;
      setStatus({ state: 'saved', at: answer.savedAt });
    } catch (err) {
      setStatus({ state: 'error', message: err.message });
    }
  }, [apiPath]);
  const touch = useCallback(() => {
    dirty.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      try {
        const answer = await putJson(`${apiPath}/draft`, latest.current);
        dirty.current = false;
        setStatus({ state: 'draft', at: answer.savedAt });
      } catch (err) {
        setStatus({ state: 'error', message: err.message });
      }
    }, AUTOSAVE_MS);
  }, [apiPath]);
  useEffect(() => {
    const onKey = (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        save();
      }
    };
    const onLeave = () => {
      if (dirty.current) keepDraft();
    };
    addEventListener('keydown', onKey);
    addEventListener('pagehide', onLeave);
    return () => {
      removeEventListener('keydown', onKey);
      removeEventListener('pagehide', onLeave);
      clearTimeout(timer.current);
    };
  }, [save, keepDraft]);
  return { status, save, touch, keepDraft };
}

function SaveStatus({ status }) {
  if (status.state === 'saved')
    return (
      <Alert id="save-status" data-state="saved" severity="success">
        Saved
      </Alert>
    );
  if (status.state === 'draft')
    return (
      <Alert id="save-status" data-state="draft" severity="info">
        Draft saved
      </Alert>
    );
  if (status.state === 'draft-sent')
    return (
      <Alert id="save-status" data-state="draft-sent" severity="info">
        Draft sent
      </Alert>
    );
  if (status.state === 'saving')
    return (
      <Alert id="save-status" data-state="saving" severity="info">
        Saving…
      </Alert>
    );
  if (status.state === 'error')
    return (
      <Alert id="save-status" data-state="error" severity="error">
        Not saved: {status.message}
      </Alert>
    );
  return null;
}

function useRecord(url) {
  const [record, setRecord] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    setRecord(null);
    fetch(url)
      .then(async (res) => (res.ok ? res.json() : Promise.reject(new Error((await res.json()).error))))
      .then(
        (value) => live && setRecord(value),
        (err) => live && setError(err.message),
      );
    return () => {
      live = false;
    };
  }, [url]);
  return { record, error };
}

function CkNote({ initial, onChange }) {
  const host = useRef(null);
  useEffect(() => {
    let editor = null;
    let cancelled = false;
    ClassicEditor.create(host.current, {
      licenseKey: 'GPL',
      plugins: [Essentials, Paragraph, Bold, Italic, List],
      toolbar: ['bold', 'italic', 'bulletedList', 'numberedList', '|', 'undo', 'redo'],
      initialData: initial,
    }).then((created) => {
      if (cancelled) return created.destroy();
      editor = created;
      editor.model.document.on('change:data', () => onChange(editor.getData()));
    });
    return () => {
      cancelled = true;
      editor?.destroy();
    };
    // The editor owns its content after creation; the record id remounts it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div id="note-editor" data-field="note">
      <div ref={host} />
    </div>
  );
}

function QuillNote({ initial, onChange }) {
  const host = useRef(null);
  useEffect(() => {
    const mount = document.createElement('div');
    host.current.append(mount);
    const quill = new Quill(mount, { theme: 'snow', modules: { toolbar: [['bold', 'italic'], [{ list: 'bullet' }]] } });
    quill.clipboard.dangerouslyPasteHTML(initial);
    quill.on('text-change', () => onChange(quill.getLength() <= 1 ? '' : quill.getSemanticHTML()));
    return () => host.current?.replaceChildren();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div id="handover-note" data-field="note" ref={host} />;
}

/** A record page: the record from `/spa/api/<collection>/<id>`, then its form. */
function RecordPage({ collection, id, Form }) {
  const { record, error } = useRecord(`/spa/api/${collection}/${encodeURIComponent(id)}`);
  if (error)
    return (
      <Alert severity="error" id="load-error">
        {error}
      </Alert>
    );
  if (!record) return <Typography id="loading">Loading…</Typography>;
  return <Form key={id} record={record} />;
}

/** A record form's values, `set(field)(value)` to change one (which counts as an edit), and its saves. */
function useRecordForm(collection, record, initial) {
  const [values, setValues] = useState(initial);
  const saves = useSaves(`/spa/api/${collection}/${encodeURIComponent(record.id)}`, values);
  const set = (field) => (value) => {
    setValues((v) => ({ ...v, [field]: value }));
    saves.touch();
  };
  return { values, set, ...saves };
}

/** A select with its floating label (`<id>-label`), as the record forms draw their choice lists. */
function SelectField({ id, name, label, value, onChange, children }) {
  return (
    <FormControl fullWidth>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select labelId={`${id}-label`} id={id} label={label} value={value} onChange={(e) => onChange(e.target.value)} inputProps={{ name }}>
        {children}
      </Select>
    </FormControl>
  );
}

/** Save, keep as draft and the way back, the same under every record form. */
function FormActions({ status, keepDraft }) {
  return (
    <>
      <Stack direction="row" spacing={2} alignItems="center">
        <Button id="save" type="submit" variant="contained">
          Save
        </Button>
        <Button id="keep-draft" type="button" variant="text" onClick={keepDraft}>
          Keep as draft
        </Button>
        <Link href="/spa/caseload" id="back">
          Back to caseload
        </Link>
      </Stack>
      <SaveStatus status={status} />
    </>
  );
}

function SessionForm({ record }) {
  const { values, set, status, save, keepDraft } = useRecordForm('sessions', record, () => ({
    attendance: record.attendance,
    contactMethod: record.contactMethod,
    sessionType: record.sessionType,
    riskReviewed: record.riskReviewed,
    nextSession: record.nextSession,
    note: record.note,
  }));
  return (
    <form id="session-form" data-record-id={record.id} onSubmit={(e) => (e.preventDefault(), save())}>
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <Typography variant="h5" component="h1" id="record-title">
          Session {record.id}: {record.client}, {record.date}
        </Typography>
        <SelectField id="attendance" name="attendance" label="Attendance" value={values.attendance} onChange={set('attendance')}>
          <MenuItem value="">
            <em>Not recorded</em>
          </MenuItem>
          {ATTENDANCE.map(([code, label]) => (
            <MenuItem key={code} value={code}>
              {label}
            </MenuItem>
          ))}
        </SelectField>
        <Autocomplete
          id="contact-method"
          options={CONTACT_METHODS}
          value={values.contactMethod || null}
          onChange={(_e, value) => set('contactMethod')(value ?? '')}
          renderInput={(params) => <TextField {...params} label="Contact method" name="contactMethod" />}
        />
        <FormControl>
          <FormLabel id="session-type-label">Session type</FormLabel>
          <RadioGroup
            row
            aria-labelledby="session-type-label"
            name="sessionType"
            value={values.sessionType}
            onChange={(e) => set('sessionType')(e.target.value)}
          >
            <FormControlLabel value="FIRST" control={<Radio />} label="First session" />
            <FormControlLabel value="FU" control={<Radio />} label="Follow-up session" />
          </RadioGroup>
        </FormControl>
        <FormControlLabel
          control={
            <Checkbox
              id="risk-reviewed"
              name="riskReviewed"
              checked={values.riskReviewed}
              onChange={(e) => set('riskReviewed')(e.target.checked)}
            />
          }
          label="Risk assessment reviewed"
        />
        <DateTimePicker
          label="Next session"
          format={DATE_FORMAT}
          ampm={false}
          value={values.nextSession ? dayjs(values.nextSession, DATE_FORMAT) : null}
          onChange={(value) => set('nextSession')(value && value.isValid() ? value.format(DATE_FORMAT) : '')}
          slotProps={{ textField: { id: 'next-session', name: 'nextSession' } }}
        />
        <FormLabel>Clinical note</FormLabel>
        <CkNote initial={record.note} onChange={set('note')} />
        <FormActions status={status} keepDraft={keepDraft} />
      </Stack>
    </form>
  );
}

function HandoverForm({ record }) {
  const { values, set, status, save, keepDraft } = useRecordForm('handovers', record, () => ({
    status: record.status,
    urgent: record.urgent,
    note: record.note,
  }));
  return (
    <form id="handover-form" data-record-id={record.id} onSubmit={(e) => (e.preventDefault(), save())}>
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <Typography variant="h5" component="h1" id="record-title">
          Handover {record.id}: {record.client}
        </Typography>
        <SelectField id="status" name="status" label="Status" value={values.status} onChange={set('status')}>
          <MenuItem value="OPEN">Open</MenuItem>
          <MenuItem value="DONE">Handed over</MenuItem>
        </SelectField>
        <FormControlLabel
          control={<Checkbox id="urgent" name="urgent" checked={values.urgent} onChange={(e) => set('urgent')(e.target.checked)} />}
          label="Urgent"
        />
        <FormLabel>Handover note</FormLabel>
        <QuillNote initial={record.note} onChange={set('note')} />
        <FormActions status={status} keepDraft={keepDraft} />
      </Stack>
    </form>
  );
}

/** A stored HTML note as its lines of text, one block per line, rendered as text (never as HTML). */
function NotePreview({ html, className }) {
  const lines = useMemo(() => {
    if (!html) return [];
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    const blocks = [...body.children];
    return (blocks.length ? blocks : [body]).map((block) => block.textContent);
  }, [html]);
  return (
    <div className={className}>
      {lines.map((line, index) => (
        <div key={index}>{line}</div>
      ))}
    </div>
  );
}

function SessionsGrid() {
  const [rows, setRows] = useState(null);
  useEffect(() => {
    fetch('/spa/api/caseload')
      .then((r) => r.json())
      .then(setRows);
  }, []);
  const columns = useMemo(
    () => [
      {
        field: 'id',
        headerName: 'Session',
        width: 110,
        cellRenderer: (p) => (
          <Link href={`/spa/session/${p.value}`} className="session-link">
            {p.value}
          </Link>
        ),
      },
      { field: 'client', headerName: 'Client', flex: 1 },
      {
        field: 'date',
        headerName: 'Date',
        width: 170,
        comparator: (a, b) => dayjs(a, DATE_FORMAT).valueOf() - dayjs(b, DATE_FORMAT).valueOf(),
      },
      { field: 'attendance', headerName: 'Attendance', width: 140 },
      {
        field: 'note',
        headerName: 'Note',
        flex: 1,
        sortable: false,
        cellRenderer: (p) => <NotePreview html={p.value} className="session-note" />,
      },
    ],
    [],
  );
  return (
    <section id="sessions" aria-label="Sessions">
      <Typography variant="h6" component="h2">
        Sessions <span id="sessions-total">{rows ? rows.length : ''}</span>
      </Typography>
      <div id="sessions-grid" style={{ height: 400, width: '100%' }}>
        {rows && <AgGridReact rowData={rows} columnDefs={columns} getRowId={(p) => p.data.id} defaultColDef={{ sortable: true }} />}
      </div>
    </section>
  );
}

function HandoverList() {
  const [rows, setRows] = useState([]);
  useEffect(() => {
    fetch('/spa/api/handovers')
      .then((r) => r.json())
      .then(setRows);
  }, []);
  const scroller = useRef(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => 36, overscan: 4 });
  return (
    <section id="handovers" aria-label="Handovers">
      <Typography variant="h6" component="h2">
        Handovers <span id="handovers-total">{rows.length || ''}</span>
      </Typography>
      <div id="handover-list" ref={scroller} style={{ height: 300, overflow: 'auto', border: '1px solid #ccc' }}>
        <div role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <div
                key={row.id}
                role="listitem"
                className="handover-row"
                data-id={row.id}
                data-index={item.index}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                  display: 'flex',
                  gap: 16,
                  alignItems: 'center',
                  padding: '0 8px',
                }}
              >
                <Link href={`/spa/handover/${row.id}`} className="handover-link">
                  {row.id}
                </Link>
                <span className="handover-client">{row.client}</span>
                <span className="handover-status">{row.status === 'DONE' ? 'Handed over' : 'Open'}</span>
                <NotePreview html={row.note} className="handover-note" />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function App() {
  const route = useRoute();
  useEffect(() => {
    document.title =
      route.page === 'caseload'
        ? 'Caseload – Meadowbank Care'
        : route.page === 'missing'
          ? 'Not found – Meadowbank Care'
          : `${route.page === 'session' ? 'Session' : 'Handover'} ${route.id} – Meadowbank Care`;
  }, [route]);
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale="en-gb">
      <header id="app-bar" style={{ padding: '8px 16px', background: '#1b5e20', color: 'white' }}>
        <Link href="/spa/caseload" style={{ color: 'white' }}>
          Meadowbank Care
        </Link>
      </header>
      <main id="app" data-page={route.page} style={{ padding: 16 }}>
        {route.page === 'caseload' && (
          <Stack spacing={3}>
            <SessionsGrid />
            <HandoverList />
          </Stack>
        )}
        {route.page === 'session' && <RecordPage collection="sessions" id={route.id} Form={SessionForm} />}
        {route.page === 'handover' && <RecordPage collection="handovers" id={route.id} Form={HandoverForm} />}
        {route.page === 'missing' && <Alert severity="error">Page not found</Alert>}
      </main>
    </LocalizationProvider>
  );
}

createRoot(document.getElementById('root')).render(<App />);
