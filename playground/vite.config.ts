/**
 * Vite configuration of the playground: a static page under playground/, its models in a module worker.
 * `npm run playground` serves it on 127.0.0.1; `npm run build:playground` writes playground/dist/.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * src/index.ts re-exports the batch engine (worker threads, files: Node only). A build drops it as unused;
 * the dev server loads every module a re-export names, and Vite's stand-in for a Node built-in throws when
 * a named import is read. This gives each built-in the page reaches a module whose exports throw only when
 * called, saying why, so the dev server loads the same sources the build does (and the build does not warn
 * about each built-in it leaves out).
 */
function nodeOnly(): Plugin {
  const PREFIX = '\0node-only:';
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return {
    name: 'reesim-node-only',
    enforce: 'pre',
    resolveId(id) {
      return builtins.has(id) ? PREFIX + id : undefined;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const name = id.slice(PREFIX.length);
      const names = Object.keys(await import(name)).filter(
        (k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k),
      );
      const fail = `() => { throw new Error('${name} is Node only: reesim\\'s batch engine does not run in the browser'); }`;
      return [
        `const fail = ${fail};`,
        ...names.map((k) => `export const ${k} = fail;`),
        'export default {};',
      ].join('\n');
    },
  };
}

export default defineConfig({
  root,
  base: './',
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  plugins: [nodeOnly()],
  worker: { format: 'es', plugins: () => [nodeOnly()] },
  // piscina (the batch engine's worker pool) gets a stand-in: see src/nodeOnly.ts.
  resolve: { alias: { piscina: fileURLToPath(new URL('./src/nodeOnly.ts', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // vega and highs are large; the warning says nothing the README does not.
    chunkSizeWarningLimit: 4000,
  },
});
