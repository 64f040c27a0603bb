/**
 * The playground's model worker: loads a scenario file with `loadScenario`, runs its model and builds its
 * charts, off the page's thread so the inputs stay responsive. HiGHS is imported by the supply-chain model on
 * its first solve, so only a worker that runs a supply chain loads it.
 */
import { chartsFor } from '../../src/entries/report.js';
import { parallelLines } from '../../src/entries/study.js';
import { describeIssue, designCascade, loadScenario, simulateSupplyChain } from '../../src/index.js';
import type { RunAnswer, RunRequest } from './protocol.js';

async function run(text: string): Promise<{ kind: string; result: unknown; input: unknown }> {
  const loaded = loadScenario(text, 'yaml');
  if (!loaded.scenario) throw new Error(loaded.issues.map(describeIssue).join('\n'));
  const s = loaded.scenario;
  switch (s.kind) {
    case 'design':
      return { kind: s.kind, input: s.input, result: designCascade(s.input) };
    case 'parallel-lines':
      return { kind: s.kind, input: s.input, result: parallelLines(s.input) };
    case 'supply-chain':
      return {
        kind: s.kind,
        input: s.input,
        result: await simulateSupplyChain(s.input.scenario, s.input.options),
      };
    default:
      throw new Error(`the playground runs design, parallel-lines and supply-chain scenarios, not ${s.kind}`);
  }
}

self.onmessage = async (event: MessageEvent<RunRequest>) => {
  const { id, text } = event.data;
  const t0 = performance.now();
  let answer: RunAnswer;
  try {
    const { kind, input, result } = await run(text);
    const charts = chartsFor(kind as 'design', input, result);
    answer = { id, ok: true, kind, result, charts, ms: performance.now() - t0 };
  } catch (e) {
    answer = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(answer);
};
