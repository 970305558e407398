// Answers the toolbar popup: what Chartguard sees in this frame. The popup
// asks by running a function in this frame's isolated world
// (scripting.executeScript, `askTabStatus`), which only the extension can do,
// so no portal page carries a message listener or checks a request for it
// (issue 18), and the page itself can neither ask nor answer.
import type { TabRequest, TabStatus } from '../../lib/tab-status';

/** Where the router leaves its answer on the content scripts' own global (never the page's window). */
export const TAB_STATUS_KEY = 'chartguardTabStatus';

export interface TabStatusSource {
  status(): TabStatus;
  showPanel(): boolean;
}

type Answer = (type: TabRequest['type']) => TabStatus | { shown: boolean };

/** Answers until `signal` aborts (the extension gone, or a test stopping the router). */
export function answerTabStatus(source: TabStatusSource, signal: AbortSignal) {
  const global = globalThis as Record<string, unknown>;
  const answer: Answer = (type) => (type === 'tab.status' ? source.status() : { shown: source.showPanel() });
  global[TAB_STATUS_KEY] = answer;
  signal.addEventListener('abort', () => global[TAB_STATUS_KEY] === answer && delete global[TAB_STATUS_KEY]);
}

/**
 * Run by the popup in one frame (a function passed to scripting.executeScript, so it uses nothing from outside its
 * own body): the frame's answer, or null where no router of ours runs.
 */
export function askTabStatus(key: string, type: TabRequest['type']): unknown {
  const answer = (globalThis as Record<string, unknown>)[key];
  return typeof answer === 'function' ? answer(type) : null;
}
