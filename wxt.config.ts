import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { defineConfig } from 'wxt';
import mpbDemo from './adapters/mpb-demo.json';
import rosterDemo from './adapters/roster-demo.json';
import casenotesDemo from './adapters/casenotes-demo.json';
import legacyDemo from './adapters/legacy.json';
import { readAdapterData } from '@chartguard/sdk/runtime';
import { builtInAdapterData } from './lib/catalog/built-in-adapters-data';
import { compactAdapter } from './lib/catalog/compact';
import { ALWAYS_ON_PRIVATE_NAMES } from './entrypoints/portal.content/private-names';

// Host access is granted only where a built-in adapter says a portal lives;
// portals an organisation imports are requested one by one at import time.
const portalMatches = [...new Set([mpbDemo, rosterDemo, casenotesDemo, legacyDemo].flatMap((adapter) => adapter.matches))];
const optionalHosts = ['http://*/*', 'https://*/*'];

/**
 * The built-in adapters as the always-on content script needs them (lib/catalog/compact.ts), worked out at
 * build time, so no portal page carries the full adapters before it is known to need them (issue 18).
 */
const COMPACT_ADAPTERS_ID = 'virtual:chartguard/compact-adapters';
function compactAdapters() {
  const builtInAdapters = builtInAdapterData.map((data) => readAdapterData(data));
  return {
    name: 'chartguard-compact-adapters',
    resolveId: (id: string) => (id === COMPACT_ADAPTERS_ID ? `\0${COMPACT_ADAPTERS_ID}` : undefined),
    load: (id: string) =>
      id === `\0${COMPACT_ADAPTERS_ID}`
        ? `export default ${JSON.stringify(builtInAdapters.map(compactAdapter))};
           export const portalMatches = ${JSON.stringify([...new Set(builtInAdapters.flatMap((adapter) => adapter.matches))])};`
        : undefined,
  };
}

/**
 * WXT starts a content script through a wrapper (an async function, a logger that is silent in production, a context
 * object); the always-on script uses none of it and pays for every byte and call at document_start (issue 18), so
 * its start is only its own `main()` (exported beside the definition, so the definition's options, read at build
 * time, stay out of the script). A throw there still reaches the console, as an uncaught error. WXT's runtime
 * plugins (`initPlugins`) are not started either: no module this project uses adds one, and one added later would not
 * run in the always-on script.
 */
const CONTENT_SCRIPT_START = '\0virtual:wxt-content-script-isolated-world-entrypoint?';
function leanContentScriptStart() {
  return {
    name: 'chartguard-lean-content-script-start',
    transform: (_code: string, id: string) =>
      id.startsWith(CONTENT_SCRIPT_START) && id.includes('/portal.content/')
        ? `import { main } from ${JSON.stringify(id.slice(CONTENT_SCRIPT_START.length))};\nexport default main();`
        : undefined,
  };
}

/**
 * The always-on script is minified once more with terser (several compress passes), which leaves it about 250 bytes
 * gzip smaller than esbuild's minifier alone, and its private property names (private-names.ts) are shortened
 * (docs/performance.md, "The always-on script under 5 KB"). Only that script: every portal page pays for it before
 * anything is known, and it is small enough that the extra passes cost the build nothing noticeable.
 */
function minifyAlwaysOn() {
  return {
    name: 'chartguard-minify-always-on',
    async generateBundle(_options: unknown, bundle: Record<string, { type: string; fileName: string; code?: string }>) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.fileName !== 'content-scripts/portal.js' || chunk.code === undefined) continue;
        // Top level too: the script's one statement is its IIFE, whose value nothing reads (globalName: false).
        const result = await minify(chunk.code, {
          ecma: 2020,
          toplevel: true,
          compress: { passes: 3 },
          mangle: { properties: { regex: new RegExp(`^(?:${ALWAYS_ON_PRIVATE_NAMES.join('|')})$`) } },
        });
        if (result.code !== undefined) chunk.code = result.code;
      }
    },
  };
}

export default defineConfig({
  imports: false,
  // Quiet on the page: WXT's own context posts a start-up message any page script can read (issue 16, part 5).
  vite: () => ({
    plugins: [compactAdapters(), leanContentScriptStart(), minifyAlwaysOn()],
    resolve: {
      alias: [
        { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./lib/quiet-context.ts', import.meta.url)) },
      ],
    },
  }),
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The Firefox sources package for review holds the code, not local data, screenshots or build output.
  zip: { excludeSources: ['.tmp/**', 'demo/data/**', 'demo-screenshots/**', 'bench/out/**', 'test-results/**', 'docs/screenshots/**'] },
  hooks: {
    // WXT takes the toolbar button's tooltip from the popup's <title>; the stores want it in the browser's language.
    'build:manifestGenerated': (_wxt, manifest) => {
      const button = manifest.action ?? manifest.browser_action;
      if (button) button.default_title = '__MSG_actionTitle__';
    },
  },
  manifest: ({ manifestVersion, browser }) => ({
    // Store-facing text in the browser's language (public/_locales); the icons are rendered from public/icon.svg.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // What an IT department may set through browser policy (docs/deploy.md). Firefox reads policies.json without a schema.
    ...(browser === 'chrome' ? { storage: { managed_schema: 'managed-schema.json' } } : {}),
    // The always-on script uses AbortSignal.any (Chrome 116) and the popover API (114); Firefox's floor is set below.
    ...(browser === 'chrome' ? { minimum_chrome_version: '116' } : {}),
    // `scripting` and host access to the built-in portals: the background injects the page-world widget
    // bridge into a record page's frame with scripting.executeScript (docs/security.md, "The page-world bridge").
    permissions: ['storage', 'scripting', ...(manifestVersion === 3 ? [] : portalMatches)],
    ...(manifestVersion === 3 ? { host_permissions: portalMatches } : {}),
    ...(manifestVersion === 3 ? { optional_host_permissions: optionalHosts } : { optional_permissions: optionalHosts }),
    // The panel page and the portal builder (#20, opened only from the toolbar popup) are the only resources a page may embed. Imported portals can live on any host, so the
    // page list is wide, but only through a per-session dynamic URL that only our content script knows.
    web_accessible_resources: [{ resources: ['panel.html', 'portal-builder.html'], matches: optionalHosts, use_dynamic_url: true }],
    // Only the extension's own packaged code runs: no remote or inline script, no eval.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'" },
    browser_specific_settings: {
      gecko: { id: 'chartguard@chartguard.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    },
  }),
});
