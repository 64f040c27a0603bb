// The control task of bench/speedup.mjs: ~10 ms of arithmetic per batch with no allocation, so its
// 2-thread speed-up is what the machine's two cores give at that moment (the ceiling for any task).
export default function spin(input) {
  let sink = 0;
  for (let i = 0; i < input.iterations; i++) sink += Math.sqrt(i + sink * 1e-12);
  return sink;
}
