/**
 * Dynamics of a counter-current mixer-settler cascade: start-up, step changes, and the approach to the
 * steady state that {@link simulateCascade} computes directly.
 */
import { fail } from '../../core/errors.js';
import { isRecord } from '../../core/validate.js';
import { type CascadeSpec, normaliseCascade } from '../cascadeSpec.js';
import type { StageProfile, simulateCascade } from '../steady/simulateCascade.js';
import { march } from './dynamicsMarch.js';
import { emptyState, operatingPoint, stageOutflows } from './dynamicsModel.js';
import { settings } from './dynamicsOptions.js';
import { outletTimes, timeToFlowBand } from './outletTimes.js';
import { fill, steadyOf } from './startupFill.js';
import type {
  CascadeDynamicsOptions,
  CascadeDynamicsResult,
  CascadeStartup,
  DynamicsHooks,
} from './types.js';

export type {
  CascadeDynamicsOptions,
  CascadeDynamicsResult,
  CascadeEvent,
  CascadeSample,
  CascadeStartup,
  DynamicsHooks,
  OutletSpecs,
  OutletTimes,
  PhaseHoldup,
  PurityTarget,
} from './types.js';

const SUPPORTED = ['distribution', 'separationFactors'];
/** The dynamic model handles the linear, loading-limited and saturated models only. */
function rejectOtherModels(spec: unknown): void {
  const check = (path: string, m: unknown) => {
    if (isRecord(m) && typeof m.kind === 'string' && !SUPPORTED.includes(m.kind))
      fail(
        'NOT_SUPPORTED',
        `${path}.kind`,
        m.kind,
        "'distribution' or 'separationFactors' in the dynamic model",
      );
  };
  if (!isRecord(spec)) return;
  if (!isRecord(spec.equilibrium)) return;
  const eq = spec.equilibrium;
  if ('kind' in eq) check('cascade.equilibrium', eq);
  else {
    check('cascade.equilibrium.extraction', eq.extraction);
    check('cascade.equilibrium.scrub', eq.scrub);
  }
}

/**
 * Simulates a counter-current mixer-settler cascade in time: start-up (empty, feed-filled, total reflux or
 * pre-loaded with the steady profile), step changes of the feed, the flows or the reflux, and the outlets'
 * purities over time, with the times at which each outlet meets its purity spec and settles near its steady
 * impurity; its end state is the steady state of {@link simulateCascade}.
 *
 * **Model.** Each stage is a mixer followed by a settler. The mixer is one well-mixed tank whose aqueous and
 * organic hold-ups (volumes V_mix,a, V_mix,o) are at equilibrium with each other, with the steady solver's
 * stage equilibrium applied to the hold-up volumes: distribution ratios (closed form, organic = κ·aqueous,
 * κ = D·V_mix,o/V_mix,a), with a loading capacity the competitive Langmuir isotherm (K = capacity·V_mix,o;
 * organic = κ·a·λ with λ = 1/(1 + Σκa/K)) or Xu's saturated organic (capacity K = loading·V_mix,o; when
 * Σn ≤ K the organic takes everything, the limit of infinite distribution ratios). Both nonlinear splits are
 * one monotone scalar root, found by a bracketed, safeguarded Newton iteration that never fails (closed form
 * for one species; see `mixerSplit.ts`). An acid scrub lowers the last mixer's K by acid/3 ÷ its organic
 * outflow per unit content, so its organic leaves with acid/3 less (as in the steady model). The settler
 * holds each phase in one well-mixed tank (V_set,a, V_set,o). Phase volume flows are those of the
 * normalised cascade and constant between events, so volumes are constant and only amounts change. A
 * Murphree efficiency E sends a fraction 1 − E of the phase entering from the neighbouring stage (or the
 * inlet) past the mixer straight into that phase's settler tank; the mixer then sees E times that phase's
 * flow (what the steady equations y = (1−E)·y_in + E·g(x) and its aqueous mirror mean; a feed is part of its
 * phase's inflow). Product reflux returns min(`reflux`, loaded organic) with the current loaded organic's
 * composition into the top mixer. Entrainment splits each settler's outflow as the steady model does: the
 * entrained aqueous joins the next stage up's aqueous inflow, the entrained organic the next stage down's
 * organic inflow. A side draw (`draws` of the spec) takes its fraction of the stream its stage sends to
 * the neighbour in its phase (entrained part included), exactly as in the steady model, and leaves the
 * cascade: a third (fourth, ...) outlet, sampled in `samples[k].draws` and counted in the cumulative
 * totals. A **strip section** (`strip` of the spec) adds its stages after the cascade's on the organic's
 * path, as the steady strip has them (linear at the strip distribution ratios, ideal, no entrainment): the
 * loaded organic flows on into the first strip stage, the strip acid (no species) enters the last, the
 * stripped organic from the last strip stage enters stage 1 with whatever it still carries (a closed
 * loop: the organic's content circulates and is no input), and the strip liquor is the product, the
 * reflux taken from it; its tanks count in the inventory and their hold-ups follow the same rule
 * (residence times at the strip acid's and the loaded organic's flows). Samples carry the liquor and the
 * stripped organic (`samples[k].strip`), the result the strip stages' end flows (`strip.final`).
 *
 * **Time stepping.** Forward Euler in flux form: every step moves amounts between tanks by fluxes computed
 * from the start-of-step state, so inventory = initial + in − out holds to round-off; it is checked every
 * step (error relative to initial + in, returned as `balanceError`; BALANCE_VIOLATION above 1e-9). A step
 * no longer than the smallest residence time V/Q of any tank keeps every amount non-negative and the map a
 * contraction (the default is a tenth of it, over every operating point); steps are shortened to land on
 * sample and event times. The steady state of the stepped map is exactly the steady solver's, whatever dt.
 *
 * **Start-up** policies: see {@link CascadeStartup}. A pre-loaded start fills each settler tank with its
 * stage's steady outflow × the tank's residence time and each mixer with the aqueous and organic it
 * discharges at steady state ÷ its outflow per unit content (the mixer's equilibrium at the steady stage
 * factor), which makes the state a fixed point of the step to round-off. **Events** replace feed flows,
 * organic or scrub volume flow or the reflux; hold-up volumes stay, so residence times and extraction
 * factors change with the flows.
 *
 * **Start-up metrics** (in the spec's time unit, counted from time 0, each a sample time, so resolved to
 * the sampling interval; samples at total reflux never count). Per outlet (`outlets.product`,
 * `outlets.raffinate`, `outlets.draws[k]`): `timeToSpec`, the first sample from which the outlet's purity
 * of its spec species stays at or above the spec (`options.spec`) to the end of the run, and
 * `timeToSteadyImpurity`, the first sample from which its impurity (1 − that purity) stays within
 * (1 ± `impurityWithin`) × its steady impurity. `timeToFlowBand`: the first sample from which every outlet
 * species flow stays within `tolerance` × its outlet's steady total (a band on flows, blind to purity when
 * the tolerance is near an impurity budget). A time that is undefined was not reached by the end of the run.
 *
 * **The user specifies:** the cascade (as for {@link simulateCascade}; `distribution` and
 * `separationFactors` models only) and hold-ups, duration, and optionally sampling, dt, start-up, events,
 * the outlets' purity specs, the impurity band and the flow band. **Units:** amounts and volumes per unit
 * time as in the spec; times in that time unit; hold-up volumes in its volume unit; a pre-load inventory in
 * amounts. Cost: steps × stages × species (nonlinear stages add a root per mixer per step, 1–3 Newton
 * iterations warm-started; `splitIterations` reports the most any split needed).
 *
 * **Outputs.** Samples of the outlets (during total reflux they are the returned streams and `product` and
 * the draws are empty); `steady`, the {@link simulateCascade} solution of the operating point after the last
 * event; the start-up metrics; the final stage profile; the initial and final inventory and the cumulative
 * flows in and out.
 *
 * **Sources.** Mixer-settler stages as stirred tanks (the usual dynamic description); typical hold-ups:
 * mixing 3–5 min and settling 15–30 min per stage (ree-data 4.2).
 *
 * @param hooks optional callbacks (`onProgress` at every sample)
 * @throws ReesimError for an invalid spec or option (paths `cascade.*`, `options.*`), NOT_SUPPORTED for other
 *   equilibrium models, INFEASIBLE for a pre-loaded start of a cascade without a
 *   steady state, BALANCE_VIOLATION if the inventory identity fails
 * @example
 * ```ts
 * // One stage, D = 1, equal volumes, 3-min mixer and 30-min settlers, started empty: half goes to the organic.
 * const spec = {
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }),
 * };
 * const holdup = { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } };
 * const r = simulateCascadeDynamics(spec, { holdup, duration: 20 });
 * r.samples.at(-1)?.product.flows.A; // 0.5000
 * r.reachedSteadyState; // true
 * r.balanceError < 1e-12; // true
 * // Pre-loaded with the steady profile: the product carries its steady 0.5 from the first sample.
 * const pre = simulateCascadeDynamics(spec, { holdup, duration: 20, startup: 'preloaded' });
 * pre.samples[0]?.product.flows.A; // 0.5000
 * pre.outlets.product.timeToSteadyImpurity; // 0
 * ```
 */
export function simulateCascadeDynamics(
  spec: CascadeSpec,
  options: CascadeDynamicsOptions,
  hooks: DynamicsHooks = {},
): CascadeDynamicsResult {
  rejectOtherModels(spec);
  const p0 = normaliseCascade(spec);
  p0.models.forEach((m, j) => {
    if (!SUPPORTED.includes(m.kind))
      fail('NOT_SUPPORTED', 'cascade.equilibrium', m.kind, `a supported model at stage ${j + 1}`);
  });
  const set = settings(spec, p0, options);
  const c = p0.species.length;
  const n = p0.total;
  const { startup } = set;
  const preloaded = startup === 'preloaded' || (typeof startup === 'object' && startup.kind === 'preloaded');
  const initial = preloaded ? steadyOf(spec) : undefined;
  const s = emptyState(operatingPoint(p0, set.holdups).n, c);
  fill(startup, spec, p0, set.holdups, operatingPoint(p0, set.holdups), s, initial);
  const initialInventory = Float64Array.from(s.inventory0);

  const { samples, steps, balanceError, op } = march(p0, set, s, hooks);

  const finalSpec = set.events.at(-1)?.spec ?? spec;
  const { steady, issue } = initial && set.events.length === 0 ? initial : steadyOf(finalSpec);
  const pLast = set.events.at(-1)?.p ?? p0;
  const outlets = outletTimes(samples, p0.species, pLast.draws.length, steady, set.specs, set.band);
  const flowBand = timeToFlowBand(samples, steady, set.tolerance);

  const x = new Float64Array(op.n * c);
  const y = new Float64Array(op.n * c);
  stageOutflows(op, s, x, y);
  const strip = p0.strip
    ? {
        stages: p0.strip.stages,
        final: { aqueous: x.slice(n * c), organic: y.slice(n * c) },
      }
    : undefined;
  const rec = (v: Float64Array, offset = 0) =>
    Object.fromEntries(p0.species.map((sp, i) => [sp, Math.max(0, v[offset + i] as number)]));
  const final: StageProfile[] = Array.from({ length: n }, (_, j) => ({
    stage: j + 1,
    section: j < p0.extraction ? 'extraction' : 'scrub',
    aqueous: rec(x, j * c),
    organic: rec(y, j * c),
  }));
  return {
    species: p0.species,
    stages: { extraction: p0.extraction, scrub: p0.scrub, total: n },
    samples,
    steady,
    ...(issue === undefined ? {} : { steadyIssue: issue }),
    outlets,
    timeToFlowBand: flowBand,
    timeToSteadyState: flowBand,
    reachedSteadyState: flowBand !== undefined,
    final,
    ...(strip ? { strip } : {}),
    initialInventory: rec(initialInventory),
    inventory: rec(s.inventory),
    totalIn: rec(s.totalIn),
    totalOut: rec(s.totalOut),
    balanceError,
    steps,
    dt: set.dt,
    splitIterations: s.splitIterations,
  };
}
