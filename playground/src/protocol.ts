/**
 * Messages between the page and its model worker. The page sends a scenario file (YAML, the text `reesim run`
 * accepts); the worker loads it with the library's own loader, runs the model and returns the result with the
 * charts `chartsFor` gives the CLI's reports.
 */
import type { NamedChart } from '../../src/entries/report.js';
import type { LineMetrics } from '../../src/entries/study.js';

/**
 * A run request: `id` orders answers; `text` is a scenario file in YAML, or `lines` asks for the
 * parallelization study's lines (with `startup`, the feed-filled start-up of one of them).
 */
export type RunRequest =
  | { readonly id: number; readonly text: string }
  | { readonly id: number; readonly lines: LinesRequest; readonly startup?: number };

/** The parallelization study (examples/03-parallel-trains.ts) for one base line and a factor k. */
export interface LinesRequest {
  /** Feed of one base train, kmol/h of each element; volume m³/h. */
  readonly feed: Readonly<Record<string, number>>;
  readonly feedVolume: number;
  readonly system: string;
  /** Elements, less extractable first. */
  readonly elements: readonly [string, string];
  /** Purity targets, fractions. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** Output factor of (a), (b), (c) and (e). */
  readonly k: number;
  /** Feed factor of (d), below the organic ceiling. */
  readonly f: number;
  /** β of the better extractant of (e). */
  readonly beta: number;
  /** Start-up simulation: hours simulated and the sampling interval. */
  readonly horizon: number;
  readonly sampleEvery: number;
}

/** A run's answer: the model's result and its charts, or every problem found, as text. */
export type RunAnswer =
  | {
      readonly id: number;
      readonly ok: true;
      readonly kind: string;
      readonly result: unknown;
      readonly charts: readonly NamedChart[];
      readonly ms: number;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** The parallelization study's answer: each line's metrics (or why it cannot be built) and the (d) ceiling. */
export interface LinesResult {
  readonly ceiling: number;
  readonly lines: readonly (LineMetrics | { readonly label: string; readonly error: string })[];
}
