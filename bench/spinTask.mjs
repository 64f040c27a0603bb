// The control tasks of bench/speedup.mjs: ~10 ms of arithmetic per batch, no allocation, so their 2-thread
// speed-up is what the machine's two cores give at that moment to code that does nothing but compute.
// Three kinds, because a virtual machine's two CPUs can share one core's execution units (the host's
// business, invisible from inside: lscpu says 1 thread per core):
//   latency: one chain of square roots, each waiting for the last (uses a sliver of a core's units);
//   integer: two xorshift generators and an add chain (keeps the integer units busy);
//   float:   eight independent multiply-add chains (keeps the floating-point units busy).
// Returns the milliseconds the batch took, measured inside the worker.
export default function spin(input) {
  const start = performance.now();
  const n = input.iterations;
  let sink = 0;
  if (input.kind === 'latency') {
    for (let i = 0; i < n; i++) sink += Math.sqrt(i + sink * 1e-12);
  } else if (input.kind === 'integer') {
    let x = 1;
    let y = 2;
    let z = 3;
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      y ^= y << 13;
      y ^= y >>> 17;
      y ^= y << 5;
      z = (z + i) | 0;
    }
    sink = x + y + z;
  } else {
    const v = [1, 2, 3, 4, 5, 6, 7, 8];
    let [a, b, c, d, e, f, g, h] = v;
    for (let i = 0; i < n; i++) {
      a = a * 1.0000001 + 1e-9;
      b = b * 0.9999999 + 1e-9;
      c = c * 1.0000002 - 1e-9;
      d = d * 0.9999998 + 2e-9;
      e = e * 1.0000001 + 1e-9;
      f = f * 0.9999999 + 1e-9;
      g = g * 1.0000002 - 1e-9;
      h = h * 0.9999998 + 2e-9;
    }
    sink = a + b + c + d + e + f + g + h;
  }
  return { ms: performance.now() - start, sink };
}
