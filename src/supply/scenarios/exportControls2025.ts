/**
 * China's 2025 export licensing of rare earths as enacted, to layer on a scenario (MOFCOM25):
 *
 * - **April 2025, in force:** exports of Sm, Gd, Tb, Dy, Lu, Sc and Y (oxides, metals and magnets containing
 *   them) need a licence from April 2025. How much was licensed follows China's magnet exports (GACC25),
 *   relative to their pre-control monthly mean (January-March 2025: 22,319 t in the first half less
 *   April-June, 15,265 t, i.e. 5,088 t/month): April 2,628 t (0.52), May 1,238 t (0.24), June 3,188 t
 *   (0.63), July 5,577 t (1.10, taken as 1: licences no longer bind). Magnets are the proxy for every
 *   controlled stage and element (derived, medium confidence). These are shipments, so the licence wait is
 *   in them: no delay is added.
 * - **October 2025, announced and suspended:** the 9 October announcements (No. 57: Ho, Er, Tm, Eu, Yb from
 *   8 November 2025; also equipment, technology and the overseas 0.1 % rule, which reesim does not model)
 *   were suspended on 7 November 2025, before taking effect, until 10 November 2026 (Announcement No. 70):
 *   never enforced in 2025-2026. What follows is a parameter: `'resumed'` (default; the suspension simply
 *   expires, an assumption: reesim's sources end before that date) licenses Ho, Er, Tm, Eu and Yb from
 *   November 2026 with the April regime's pattern (0.52, 0.24, 0.63, then 1; assumed); `'extended'` keeps
 *   them free.
 *
 * `approvalRate` replaces the observed schedules by one constant share (with `licenceDelayMonths`, default
 * 2 then: the earlier model of this layer, assumed).
 */
import { cite } from '../../data/provenance.js';
import type { ApprovalStep, Policy, SupplyScenario } from '../types.js';

/** Parameters of {@link withExportLicensing2025}. */
export interface LicensingParams {
  /**
   * One share of the pre-control flow licensed, in [0, 1], for every control and month, instead of the
   * observed schedule (default: the schedule, see the module notes).
   */
  readonly approvalRate?: number;
  /** Months a licence adds to a shipment (default 0 with the observed schedule, 2 with `approvalRate`; assumed). */
  readonly licenceDelayMonths?: number;
  /** The October 2025 additions after their suspension ends on 10 November 2026 (default 'resumed', assumed). */
  readonly october?: 'resumed' | 'extended';
}

const APRIL = ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'];
const OCTOBER = ['Ho', 'Er', 'Tm', 'Eu', 'Yb'];
const APPROVALS = cite('GACC25', 'derived', 'medium', 'magnet exports over their Jan-Mar 2025 mean');

/**
 * China's magnet exports in each month since the April 2025 control over their January-March 2025 monthly
 * mean (GACC25: 2,628, 1,238, 3,188 and 5,577 t over 5,088 t), the last capped at 1.
 */
export const APRIL_2025_APPROVAL: readonly number[] = [2628 / 5088, 1238 / 5088, 3188 / 5088, 1];

/** The approval pattern as steps from `start` ('YYYY-MM'), one month each, the last holding on. */
function schedule(start: string): ApprovalStep[] {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return APRIL_2025_APPROVAL.map((rate, k) => {
    const month = (m - 1 + k) % 12;
    const year = y + Math.floor((m - 1 + k) / 12);
    return { from: `${year}-${String(month + 1).padStart(2, '0')}`, rate };
  });
}

/**
 * The scenario with China's 2025 export licensing added as enacted (see the module notes).
 *
 * @example
 * ```ts
 * const s = withExportLicensing2025(baseline2024);
 * s.policies?.map((p) => p.id); // ['cn-licensing-2025-04', 'cn-licensing-2025-10-resumed']
 * s.policies?.[1]?.from; // '2026-11'
 * withExportLicensing2025(baseline2024, { october: 'extended' }).policies?.length; // 1
 * ```
 */
export function withExportLicensing2025(base: SupplyScenario, params: LicensingParams = {}): SupplyScenario {
  const constant = params.approvalRate;
  const licenceDelayMonths = params.licenceDelayMonths ?? (constant === undefined ? 0 : 2);
  const control = (id: string, elements: string[], from: string, provenance = APPROVALS): Policy => ({
    kind: 'exportControl',
    id,
    exporter: 'CN',
    stages: ['oxide', 'metal', 'magnet'],
    elements,
    approvalRate: constant ?? schedule(from),
    licenceDelayMonths,
    from,
    provenance,
  });
  const october = params.october ?? 'resumed';
  return {
    ...base,
    name: `${base.name} + China export licensing 2025`,
    policies: [
      ...(base.policies ?? []),
      control('cn-licensing-2025-04', APRIL, '2025-04'),
      ...(october === 'resumed'
        ? [
            control(
              'cn-licensing-2025-10-resumed',
              OCTOBER,
              '2026-11',
              cite(
                'MOFCOM25',
                'assumed',
                'assumed',
                'suspension assumed to end 10 Nov 2026; April 2025 pattern',
              ),
            ),
          ]
        : []),
    ],
  };
}
