/**
 * The playground's model worker: loads a scenario file with `loadScenario`, runs its model and builds its
 * charts, off the page's thread so the inputs stay responsive. HiGHS is imported by the supply-chain model on
 * its first solve, so only a worker that runs a supply chain loads it.
 */
import { chartsFor } from '../../src/entries/report.js';
import {
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  evaluateLine,
  fixedOrganicTrain,
  type LineOption,
  largerTrain,
  organicCeiling,
  parallelTrains,
  splitTrains,
} from '../../src/entries/study.js';
import {
  describeIssue,
  designCascade,
  loadScenario,
  separationFactorModel,
  simulateSupplyChain,
} from '../../src/index.js';
import type { LinesRequest, LinesResult, RunAnswer, RunRequest } from './protocol.js';

/** The lines of the study: the base train and (a) to (e), each a line option (or why it cannot be built). */
function lineOptions(q: LinesRequest): {
  ceiling: number;
  options: (LineOption | { label: string; error: string })[];
} {
  const base = designBaseLine({
    feed: q.feed,
    feedVolume: q.feedVolume,
    equilibrium: separationFactorModel(q.system, q.elements),
    purity: q.purity,
    strip: {},
  });
  const build = (label: string, f: () => LineOption) => {
    try {
      return f();
    } catch (e) {
      return { label, error: e instanceof Error ? e.message : String(e) };
    }
  };
  return {
    ceiling: organicCeiling(base),
    options: [
      baseLine(base),
      parallelTrains(base, q.k),
      largerTrain(base, q.k),
      splitTrains(base, q.k),
      build(`(d) 1 train, ${q.f}x feed, base organic`, () => fixedOrganicTrain(base, q.f)),
      build(`(e) 1 train, ${q.k}x flows, beta ${q.beta}`, () => betterExtractantTrain(base, q.beta, q.k)),
    ],
  };
}

function lines(q: LinesRequest, startup?: number): LinesResult {
  const { ceiling, options } = lineOptions(q);
  const evaluate = (o: LineOption | { label: string; error: string }, startups: readonly 'feed'[]) =>
    'error' in o ? o : evaluateLine(o, { startups, horizon: q.horizon, sampleEvery: q.sampleEvery });
  if (startup !== undefined) {
    const o = options[startup];
    return { ceiling, lines: o ? [evaluate(o, ['feed'])] : [] };
  }
  return { ceiling, lines: options.map((o) => evaluate(o, [])) };
}

async function run(text: string): Promise<{ kind: string; result: unknown; input: unknown }> {
  const loaded = loadScenario(text, 'yaml');
  if (!loaded.scenario) throw new Error(loaded.issues.map(describeIssue).join('\n'));
  const s = loaded.scenario;
  switch (s.kind) {
    case 'design':
      return { kind: s.kind, input: s.input, result: designCascade(s.input) };
    case 'supply-chain':
      return {
        kind: s.kind,
        input: s.input,
        result: await simulateSupplyChain(s.input.scenario, s.input.options),
      };
    default:
      throw new Error(`the playground runs design and supply-chain scenarios, not ${s.kind}`);
  }
}

self.onmessage = async (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  const { id } = request;
  const t0 = performance.now();
  let answer: RunAnswer;
  try {
    if ('lines' in request) {
      const result = lines(request.lines, request.startup);
      self.postMessage({
        id,
        ok: true,
        kind: 'lines',
        result,
        charts: [],
        ms: performance.now() - t0,
      } satisfies RunAnswer);
      return;
    }
    const { kind, input, result } = await run(request.text);
    const charts = chartsFor(kind as 'design', input, result);
    answer = { id, ok: true, kind, result, charts, ms: performance.now() - t0 };
  } catch (e) {
    answer = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(answer);
};
