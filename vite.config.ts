import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The SPA: one index.html at the repo root, several apps (portal, workbench, login) loaded lazily
 * per route. Vendor chunks:
 * - `vendor-react`: react, react-dom, react-router — every page needs them.
 * - `vendor-antd`: the antd core that the app shell and the portal home need (config provider,
 *   theme, cssinjs, icons, button, input, modal/message/notification, result, spin).
 * Every other antd component (Form, Table, Tree, DatePicker, Upload, Menu …) is split automatically
 * into chunks shared by the screens that use it, so the citizen portal's first load stays small
 * (checked by e2e/portal-mobile.spec.ts).
 */
const REACT_VENDOR = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/;
const ANTD_CORE_COMPONENTS = [
  '_util', 'theme', 'style', 'config-provider', 'locale', 'app', 'message', 'notification', 'modal', 'button', 'spin',
  'result', 'version', 'space', 'input', 'grid', 'empty', 'watermark',
];
const RC_CORE = ['util', 'motion', 'portal', 'notification', 'dialog', 'input', 'textarea', 'resize-observer', 'context', 'mutate-observer'];
const ANTD_CORE = new RegExp(
  String.raw`[\\/]node_modules[\\/](` +
    [
      String.raw`antd[\\/]es[\\/](${ANTD_CORE_COMPONENTS.join('|')})[\\/]`,
      String.raw`antd[\\/]es[\\/]index\.js$`,
      String.raw`antd[\\/]es[\\/]locale[\\/]`,
      String.raw`@rc-component[\\/](${RC_CORE.join('|')})[\\/]`,
      String.raw`@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|icons|icons-svg)[\\/]`,
      String.raw`(@babel[\\/]runtime|dayjs|clsx|classnames|stylis|@emotion|throttle-debounce|is-mobile|react-is)[\\/]`,
    ].join('|') +
    ')',
);

export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: REACT_VENDOR, priority: 3 },
            { name: 'vendor-antd', test: ANTD_CORE, priority: 2 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
