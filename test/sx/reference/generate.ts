// Regenerates sixElement.json: the reference solution of the 6-element cascade (sixElementCase.ts) for
// n = m = 2..14. Run from the repository root: npx tsx test/sx/reference/generate.ts
import { writeFileSync } from 'node:fs';
import { referenceSaturatedCascade } from './saturatedReference.js';
import { SIX_ELEMENT_N, sixElementInput } from './sixElementCase.js';

const rows = SIX_ELEMENT_N.map((n) => {
  const start = performance.now();
  const r = referenceSaturatedCascade(sixElementInput(n));
  const ms = performance.now() - start;
  const productTotal = Object.values(r.product).reduce((a, b) => a + b, 0);
  const purity = ((r.product.Sm ?? 0) + (r.product.Eu ?? 0)) / productTotal;
  console.log(
    `n = m = ${n}: ${ms.toFixed(0)} ms, ${r.iterations} Newton steps (per continuation solve: ` +
      `${r.continuation.map((c) => c.iterations).join(' ')}), residual ${r.residual.toExponential(1)}, ` +
      `Sm+Eu purity ${purity}, Nd in product ${r.product.Nd} mol/h`,
  );
  return { n, product: r.product, raffinate: r.raffinate };
});
writeFileSync(new URL('./sixElement.json', import.meta.url), `${JSON.stringify(rows, null, 2)}\n`);
