// The baseline the linear-cascade benchmarks compare simulateCascade with (issue 12): a bare tridiagonal
// (Thomas) solve of the same cascade with no validation, no reflux, draws or entrainment, no evidence and no
// profile: what the arithmetic alone costs. It reads the spec's plain fields and returns the two outlets as
// records, as a user of a hand-written kernel would.
//
// Species i at stage j (1 = raffinate end, equilibrium stages): with K_j = D_i·O/A_j (A_j: feed + scrub
// volume below the feed stage, scrub volume above it),
//   (1 + K_j)·x_j − K_{j−1}·x_{j−1} − x_{j+1} = feed_i at the feed stage (+ scrub_i at the top).

/** The fields of a linear CascadeSpec the kernel reads. */
export interface BareSpec {
  readonly stages: { readonly extraction: number; readonly scrub?: number };
  readonly feed: { readonly flows: Readonly<Record<string, number>>; readonly volume: number };
  readonly organic: { readonly volume: number };
  readonly scrub?: { readonly volume: number; readonly flows?: Readonly<Record<string, number>> };
  readonly equilibrium: { readonly D: Readonly<Record<string, number>> };
}

/** Raffinate and loaded organic per species of a linear cascade, by Thomas elimination per species. */
export function bareThomas(spec: BareSpec): {
  raffinate: Record<string, number>;
  loadedOrganic: Record<string, number>;
} {
  const n = spec.stages.extraction;
  const N = n + (spec.stages.scrub ?? 0);
  const names = Object.keys(spec.feed.flows);
  const O = spec.organic.volume;
  const scrubVolume = spec.scrub?.volume ?? 0;
  const below = spec.feed.volume + scrubVolume;
  const cp = new Float64Array(N);
  const dp = new Float64Array(N);
  const raffinate: Record<string, number> = {};
  const loadedOrganic: Record<string, number> = {};
  for (const name of names) {
    const D = spec.equilibrium.D[name] as number;
    const kE = (D * O) / below;
    const kS = (D * O) / scrubVolume;
    const feed = spec.feed.flows[name] as number;
    const scrub = spec.scrub?.flows?.[name] ?? 0;
    let c = 0;
    let d = 0;
    let kPrev = 0;
    for (let j = 0; j < N; j++) {
      const k = j < n ? kE : kS;
      const rhs = (j === n - 1 ? feed : 0) + (j === N - 1 ? scrub : 0);
      const den = 1 + k + kPrev * c; // b_j − a_j·c′_{j−1} with a_j = −K_{j−1}
      c = j < N - 1 ? -1 / den : 0;
      d = (rhs + kPrev * d) / den;
      cp[j] = c;
      dp[j] = d;
      kPrev = k;
    }
    let x = 0;
    for (let j = N - 1; j >= 0; j--) x = (dp[j] as number) - (cp[j] as number) * x;
    raffinate[name] = x; // x_1 after the back substitution
    // The top stage's aqueous is the back substitution's first value, d_N.
    loadedOrganic[name] = (N === n ? kE : kS) * (dp[N - 1] as number);
  }
  return { raffinate, loadedOrganic };
}
