import { defineConfig } from 'wxt';
import mpbDemo from './adapters/mpb-demo.json';

const portalMatches = [...new Set([mpbDemo].flatMap((adapter) => adapter.matches))];

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
    web_accessible_resources: [{ resources: ['panel.html'], matches: portalMatches }],
  },
});
