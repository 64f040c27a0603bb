/**
 * A one-line progress bar on stderr for long runs, redrawn at most every 100 ms; silent when stderr is not a
 * terminal (logs and CI stay clean).
 */

/** A progress reporter: call with (done, total); `end()` finishes the line. */
export interface ProgressBar {
  update(done: number, total: number): void;
  end(): void;
}

/** A bar on `stream` (default process.stderr), or a silent one when it is not a terminal or `enabled` is false. */
export function progressBar(
  label: string,
  enabled?: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const on = enabled ?? stream.isTTY === true;
  if (!on) return { update: () => {}, end: () => {} };
  const start = Date.now();
  let last = 0;
  let drawn = false;
  const draw = (done: number, total: number) => {
    const width = 30;
    const f = total > 0 ? done / total : 1;
    const filled = Math.round(f * width);
    const elapsed = (Date.now() - start) / 1000;
    const eta = done > 0 ? (elapsed * (total - done)) / done : 0;
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  ${elapsed.toFixed(1)} s, ~${eta.toFixed(0)} s left `,
    );
    drawn = true;
  };
  return {
    update(done, total) {
      const now = Date.now();
      if (done === total || now - last >= 100) {
        last = now;
        draw(done, total);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
