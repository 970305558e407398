// Tells the user on the page that a Save held while the record page started
// went through unchecked, when that page's script never came to say so itself
// (the service worker stopped and never answered, the script never
// registered). Every portal page carries this script, so the notice carries
// no words of its own: they are the extension's locale messages
// (public/_locales), in the browser's interface language like the
// background's notice of a script that could not load
// (lib/unchecked-notice.ts), which it never stacks on. Its own element and an
// open shadow root (it holds only the extension's words) keep the page's CSS
// out, and as a popover it shows in the top layer, over anything the page
// puts up, styled by the browser; text goes in as text only.
import { extensionApi } from '../../extension-api';

/** `sent`: the Save went through unchecked; otherwise the portal replaced its Save button and the press was never sent. */
export function tellSavedUnchecked(sent: boolean): void {
  if (document.querySelector('chartguard-notice')) return;
  const words = (name: string) => extensionApi().i18n.getMessage(name);
  const host = document.createElement('chartguard-notice');
  const box = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('p'));
  const dismiss = document.createElement('button');
  box.role = 'status';
  box.lang = words('lang');
  box.popover = 'manual';
  dismiss.textContent = words('dismiss');
  dismiss.onclick = () => host.remove();
  box.append(words(sent ? 'savedUnchecked' : 'notSent'), ' ', dismiss);
  document.documentElement.append(host);
  box.showPopover();
  // A Save that leaves the page (a POST and a redirect) takes this notice with it: the background tells the page that
  // follows in this frame (lib/saved-unchecked.ts).
  if (sent)
    extensionApi()
      .runtime.sendMessage({ type: 'save.unchecked' })
      .catch(() => {});
}
