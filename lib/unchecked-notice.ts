// Tells the user, on the page itself, that Chartguard could not start on a
// record page and Save is not checked there. The background runs it in the
// frame whose record-page script failed to inject (lib/feature-inject.ts), so
// the script every portal page runs does not carry it; it is passed to
// `scripting.executeScript` as a function, so it uses nothing from outside
// its own body. Its words are the extension's own, set as text.

export interface UncheckedNoticeText {
  lang: string;
  title: string;
  body: string;
  dismiss: string;
}

/**
 * Shows the notice once per document (a second call leaves the one shown); the user can dismiss it. Returns whether it
 * put one up: false when the document shows a notice already.
 */
export function showUncheckedNotice(text: UncheckedNoticeText): boolean {
  const attribute = 'data-chartguard-unchecked';
  // One notice at a time, this one or the always-on script's own (features/save-guard/saved-unchecked.ts): both are
  // this element, which is all the always-on script looks for.
  if (document.querySelector('chartguard-notice')) return false;
  const host = document.createElement('chartguard-notice');
  host.setAttribute(attribute, '');
  // Open: it holds no record data, only the extension's own words, and the end-to-end tests read it.
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial;position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:360px}
div{font:14px/1.4 system-ui,sans-serif;background:#fff8e1;color:#3e2a00;border:2px solid #8a5a00;border-radius:6px;padding:12px 14px}
p{margin:0 0 8px}strong{display:block;margin-bottom:4px}button{font:inherit;padding:4px 10px}
button:focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}`;
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.lang = text.lang;
  const title = document.createElement('strong');
  title.textContent = text.title;
  const body = document.createElement('p');
  body.textContent = text.body;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = text.dismiss;
  dismiss.addEventListener('click', () => host.remove(), { once: true });
  box.append(title, body, dismiss);
  root.append(style, box);
  (document.body ?? document.documentElement).append(host);
  return true;
}
