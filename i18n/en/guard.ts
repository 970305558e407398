// The words of the notice shown where a record page's features could not load, in English.
export const guard = {
  uncheckedTitle: 'Chartguard could not start on this record',
  uncheckedBody: 'Save is not checked on this page: the portal works as it does without Chartguard. Reload the page to try again.',
  dismiss: 'Dismiss',
};
