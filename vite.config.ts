import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The SPA: one index.html at the repo root, several apps (portal, workbench, login, agent) loaded
 * lazily per route. Chunks:
 * - `vendor-react`: react, react-dom, react-router — every page needs them.
 * - `vendor-antd`: the antd modules the entry itself needs (config provider, theme, cssinjs, locale,
 *   spin), i.e. those tagged `$initial` — one cacheable file instead of dozens of small ones.
 * Every other antd component (Input, Form, Table, Tree, DatePicker, Upload, Menu …) and every icon is
 * split automatically into chunks shared by exactly the screens that use them, so an app's first load
 * carries only what its home screen draws. antd's <App> (message/modal/notification) is loaded after
 * the first render (web/src/shared/antApp.tsx). `npm run bench -- bundle` prints each app's first load
 * in KB gzip (bench/bundle.ts; goal: portal under 200 KB).
 */
const REACT_VENDOR = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/;
const ANTD_FAMILY =
  /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|@babel[\\/]runtime|dayjs|clsx|classnames|stylis|@emotion|throttle-debounce|is-mobile|react-is)[\\/]/;

export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    // dist/web/.vite/manifest.json: the chunk graph bench/bundle.ts reads to size each app's first load.
    manifest: true,
    rolldownOptions: {
      // The rc-component and @ant-design packages do not declare `sideEffects: false` (antd does), so
      // a module imported for one helper would be kept whole (e.g. all of @rc-component/form behind
      // Input). None of them has import-time side effects; let unused modules go.
      treeshake: {
        moduleSideEffects: [
          { test: /[\\/]node_modules[\\/](@rc-component|@ant-design)[\\/]/, sideEffects: false },
          { test: /./, sideEffects: true },
        ],
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: REACT_VENDOR, priority: 3 },
            { name: 'vendor-antd', test: ANTD_FAMILY, tags: ['$initial'], priority: 2 },
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
