/**
 * Messages between the page and its model worker. The page sends a scenario file (YAML, the text `reesim run`
 * accepts); the worker loads it with the library's own loader, runs the model and returns the result with the
 * charts `chartsFor` gives the CLI's reports.
 */
import type { NamedChart } from '../../src/entries/report.js';

/** A run request: `id` orders answers; `text` is a scenario file in YAML. */
export interface RunRequest {
  readonly id: number;
  readonly text: string;
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
