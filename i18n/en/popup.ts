// The toolbar popup's words in English: the source of the surface's keys, which every other locale file must hold.
export const popup = {
  title: 'Chartguard on this tab',
  notActive: 'Chartguard does not run on this page: no portal set up here.',
  recognised: 'Portal: {name}',
  noPage: 'A portal page Chartguard does not check (no adapter page matches).',
  pageKind: 'Page: {kind}',
  record: 'Record: {id}',
  checklist: 'Checklist: {title}',
  noChecklist: 'No checklist chosen yet.',
  saveHeld: 'Save is held: the record does not meet policy yet.',
  saveNotHeld: 'Save is not held.',
  unchecked: 'Chartguard could not start on this record: Save is not checked. Reload the page to try again.',
  followUps:
    'On this list: {open} records need action ({overdue} overdue, {incomplete} incomplete, {attention} need attention) of {graded} graded.',
  showPanel: 'Show the panel',
  options: 'Options',
  setup: 'Set up a portal',
  loading: 'Reading this tab…',
} as const;
