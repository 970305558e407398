import { defineConfig } from 'wxt';
import mpbDemo from './adapters/mpb-demo.json';
import rosterDemo from './adapters/roster-demo.json';
import casenotesDemo from './adapters/casenotes-demo.json';

const portalMatches = [...new Set([mpbDemo, rosterDemo, casenotesDemo].flatMap((adapter) => adapter.matches))];

// Only the configured portals get host access; everything else is requested at
// run time through optional host permissions (see the options page).
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Chartguard',
    description: 'Checks clinical records against your organisation’s policy before you save them.',
    permissions: ['storage'],
    // The panel page is the only thing a portal page may embed, and only on configured portals.
    web_accessible_resources: [{ resources: ['panel.html'], matches: portalMatches, use_dynamic_url: true }],
    // Only the extension's own packaged code runs: no remote or inline script, no eval.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'" },
  },
});
