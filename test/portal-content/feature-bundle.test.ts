// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// A feature script's view of its frame (bundle.ts): a record page is offered to
// its features only once the adapters the background stored have been read, so
// a panel is never built from the built-in adapter and then kept after the
// organisation's adapter for the same portal arrives (it offered the built-in
// checklists only: CI failure in checklist-editor, "is chosen in the panel");
// a script that cannot read them says so to the router rather than waiting.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerFeatures } from '../../entrypoints/portal.content/bundle';
import { REGISTER_KEY, type Feature, type FeatureBundle, type FrameState } from '../../entrypoints/portal.content/feature';
import { readAdapterData } from '@chartguard/sdk/runtime';
import mpbAdapter from '../../adapters/mpb-demo.json';
import { builtInAdapters } from '../../lib/catalog/built-in';
import { ADAPTERS_KEY, BUILTIN_CHECKLISTS_KEY } from '../../lib/catalog/runtime';
import sncChecklist from '../../checklists/snc.json';
import { eventually } from '../wait';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SESSION_HTML = fs.readFileSync(path.join(HERE, '../fixtures/mpb/session.html'), 'utf8');

const base = (): FrameState => ({
  ready: true,
  page: undefined,
  match: undefined,
  record: undefined,
  list: undefined,
  catalogLoaded: true,
  checklists: new Map(),
  panelUrl: 'chrome-extension://test/panel.html',
  childFrame: false,
});

/** Registers a record feature script the way the background's injection does, and hands back what the router receives. */
function registered(features: Feature[] = [{ name: 'probe', key: () => undefined, start: () => ({}) }]): FeatureBundle {
  let bundle: FeatureBundle | undefined;
  (globalThis as Record<string, unknown>)[REGISTER_KEY] = (given: FeatureBundle) => {
    bundle = given;
  };
  registerFeatures('record', features);
  if (!bundle) throw new Error('the feature script did not register');
  return bundle;
}

/** Starts the bundle's configuration read and resolves with what the first read said changed. */
function firstRead(bundle: FeatureBundle, signal: AbortSignal) {
  return new Promise<readonly Feature[] | 'failed'>((resolve) => bundle.start(resolve, signal));
}

describe('a record feature script on a portal whose adapter the organisation imported', () => {
  const controller = new AbortController();
  beforeEach(() => {
    fakeBrowser.reset();
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('http://127.0.0.1:41234/mpb/sessions/s-2003');
    const parsed = new DOMParser().parseFromString(SESSION_HTML, 'text/html');
    document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
    vi.restoreAllMocks();
  });

  it('offers no record page before the stored adapters are read, then the imported adapter’s page', async () => {
    const imported = structuredClone(mpbAdapter) as { pages: { kind: string; checklists?: string[] }[] };
    for (const page of imported.pages) if (page.kind === 'session') page.checklists!.push('phone-contact');
    // As the background stores them: the imported adapter first, compiled, then the built-in ones.
    const adapters = [readAdapterData(imported), ...builtInAdapters().filter((adapter) => adapter.id !== 'mpb-demo')];
    await fakeBrowser.storage.local.set({ config: { adapters: [imported], checklists: [] }, [ADAPTERS_KEY]: adapters });

    const bundle = registered();
    // The page is plainly a record page to the built-in adapter, yet none is offered until the stored ones are read.
    expect(bundle.frame(base()).record).toBeUndefined();

    const read = await firstRead(bundle, controller.signal);
    // Read, and nothing to restart: nothing ran before the first read.
    expect(read).toEqual([]);
    const record = bundle.frame(base()).record;
    expect(record?.recordId).toBe('s-2003');
    expect(record?.page.checklists).toEqual(['snc', 'fus', 'ia', 'phone-contact']);
  });

  it('tells the router it has nothing to work from when the configuration cannot be read, and offers no page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is gone'));
    const bundle = registered();
    const read = await firstRead(bundle, controller.signal);
    expect(read).toBe('failed');
    expect(bundle.frame(base()).record).toBeUndefined();
  });

  it('reads no adapter where the background stored none, and says so the same way', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ config: { adapters: [mpbAdapter], checklists: [] } });
    const bundle = registered();
    expect(await firstRead(bundle, controller.signal)).toBe('failed');
    expect(bundle.frame(base()).match).toBeUndefined();
  });
});

describe('which of its features a feature script restarts when the configuration changes (the router only stops them)', () => {
  const controller = new AbortController();
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[REGISTER_KEY];
  });

  it('none after the first read; those restarted by any change on new checklists; also those restarted by adapters on new adapters', async () => {
    const feature = (name: string, restartWhen?: Feature['restartWhen']): Feature => ({
      name,
      restartWhen,
      key: () => undefined,
      start: () => ({}),
    });
    const [keeps, onAdapters, onCatalog] = [
      feature('keeps'),
      feature('on-adapters', 'adapters-change'),
      feature('on-catalog', 'catalog-changes'),
    ];
    await fakeBrowser.storage.local.set({ [ADAPTERS_KEY]: builtInAdapters() });
    const calls: (readonly Feature[] | 'failed')[] = [];
    registered([keeps, onAdapters, onCatalog]).start((restart) => calls.push(restart), controller.signal);
    await eventually(() => expect(calls).toEqual([[]]));

    await fakeBrowser.storage.local.set({ [BUILTIN_CHECKLISTS_KEY]: [sncChecklist] });
    await eventually(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual([onCatalog]);

    await fakeBrowser.storage.local.set({ [ADAPTERS_KEY]: builtInAdapters().slice(1) });
    await eventually(() => expect(calls).toHaveLength(3));
    expect(calls[2]).toEqual([onAdapters, onCatalog]);
  });
});
