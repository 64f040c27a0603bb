// Questions (issue 15): how much Redis memory does a 100,000-run study leave behind, and at its peak? What
// does a job cost on the queue? Runs the built package (`npm run build` first) against a redis-server it
// starts on a free port (`apt-get install -y redis-server`), with two `reesim worker` processes of one
// thread each. Run: `node bench/distributed.mjs`. Prints one JSON object; bench/README.md records it.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { redisBackend } from '../dist/distributed.js';
import { monteCarlo, runBatches } from '../dist/index.js';

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(
  'redis-server',
  [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    'noeviction',
  ],
  { stdio: 'ignore' },
);
const url = `redis://127.0.0.1:${port}`;
const client = new Redis(url, { lazyConnect: true });
client.on('error', () => {}); // refused until the server listens
for (let i = 0; ; i++) {
  try {
    await client.connect();
    break;
  } catch (e) {
    if (i > 100) throw e;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const memory = async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))[1]);
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const workers = [0, 1].map(() =>
  spawn(process.execPath, [cli, 'worker', '--redis', url, '--threads', '1'], { stdio: 'ignore' }),
);
await new Promise((r) => setTimeout(r, 1500));

const base = await memory();
let peak = base;
const sampler = setInterval(async () => {
  peak = Math.max(peak, await memory());
}, 100);

// A cheap task: a one-stage linear cascade, a few µs per run; 100,000 runs in 4,000 batches of 25.
const study = {
  model: 'cascade',
  base: {
    stages: { extraction: 1 },
    feed: { flows: { A: 1 }, volume: 1 },
    organic: { volume: 1 },
    equilibrium: { kind: 'distribution', D: { A: 1 } },
  },
  runs: 100_000,
  outputs: ['loadedOrganic.flows.A'],
  parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: 0.5, max: 3 } }],
};
const backend = redisBackend({ url, jobSize: 8, pollInterval: 500 });
let t0 = Date.now();
const r = await monteCarlo(study, { backend, seed: 'mem', progressBar: false });
const studyMs = Date.now() - t0;
clearInterval(sampler);
await new Promise((r) => setTimeout(r, 300));
const after = await memory();
const keys = await client.keys('*');
const info = await client.info('memory');
const field = (name) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1]);
const afterDetail = {
  dataset: field('used_memory_dataset'),
  scripts: field('used_memory_scripts'),
  luaVm: field('used_memory_vm_eval'),
  keys: Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await client.memory('USAGE', k)]))),
};

// Per-job cost: 2,000 jobs of one trivial batch each (the task returns its input).
const echo = 'data:text/javascript,export default (x) => x;';
const perJob = redisBackend({ url, jobSize: 1, pollInterval: 500 });
t0 = Date.now();
await runBatches(
  Array.from({ length: 2000 }, (_, i) => i),
  { task: echo, backend: perJob, progressBar: false },
);
const echoMs = Date.now() - t0;
const local = Date.now();
await runBatches(
  Array.from({ length: 2000 }, (_, i) => i),
  { task: echo, threads: 2, progressBar: false },
);
const localMs = Date.now() - local;
await backend.close();
await perJob.close();

console.log(
  JSON.stringify(
    {
      runs: r.runs.length,
      studyMs,
      redisUsedMemory: { before: base, peak, after },
      afterDetail,
      perJobMs: echoMs / 2000,
      localPerBatchMs: localMs / 2000,
      redisVersion: spawnSync('redis-server', ['--version']).stdout.toString().trim(),
    },
    null,
    2,
  ),
);
for (const w of workers) w.kill('SIGTERM');
await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
client.disconnect();
await new Promise((r) => setTimeout(r, 1000)); // the closing connections' last replies
server.kill('SIGTERM');
