import { defineConfig } from 'wxt';

// Only the configured portals get host access; everything else is requested at
// run time through optional host permissions (see the options page).
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Chartguard',
    description: 'Checks clinical records against your organisation’s policy before you save them.',
    permissions: ['storage'],
  },
});
