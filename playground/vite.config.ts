/**
 * Vite configuration of the playground: a static page under playground/, its models in a module worker.
 * `npm run playground` serves it on 127.0.0.1; `npm run build:playground` writes playground/dist/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // vega and highs are large; the warning says nothing the README does not.
    chunkSizeWarningLimit: 4000,
  },
});
