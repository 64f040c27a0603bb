/**
 * China's 2025 export licensing of rare earths as supply-chain policies, to layer on a scenario: from April
 * 2025 exports of Sm, Gd, Tb, Dy, Lu, Sc and Y (oxides, metals and magnets containing them) need a licence;
 * in October 2025 Ho, Er, Tm, Eu and Yb were added, and that addition was suspended for a year in November
 * 2025. Source: MOFCOM25 (dates and lists as reported; medium confidence). The approval rate and licence
 * delay are parameters: reesim assumes half the earlier flow approved and two months of delay (assumed).
 */
import { cite } from '../../data/provenance.js';
import type { Policy, SupplyScenario } from '../types.js';

/** Parameters of {@link withExportLicensing2025}. */
export interface LicensingParams {
  /** Fraction of the pre-control flow licensed, in [0, 1] (default 0.5, assumed). */
  readonly approvalRate?: number;
  /** Months a licence adds to a shipment (default 2, assumed). */
  readonly licenceDelayMonths?: number;
}

const APRIL = ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'];
const OCTOBER = ['Ho', 'Er', 'Tm', 'Eu', 'Yb'];
const SOURCE = cite('MOFCOM25', 'secondary', 'medium', 'dates and element lists as reported');

/**
 * The scenario with China's 2025 export licensing added (see the module notes).
 *
 * @example
 * ```ts
 * const s = withExportLicensing2025(baseline2024, { approvalRate: 0.3 });
 * s.policies?.length; // 3
 * s.policies?.[0]?.kind; // 'exportControl'
 * ```
 */
export function withExportLicensing2025(base: SupplyScenario, params: LicensingParams = {}): SupplyScenario {
  const approvalRate = params.approvalRate ?? 0.5;
  const licenceDelayMonths = params.licenceDelayMonths ?? 2;
  const control = (id: string, elements: string[], from: string, to?: string): Policy => ({
    kind: 'exportControl',
    id,
    exporter: 'CN',
    stages: ['oxide', 'metal', 'magnet'],
    elements,
    approvalRate,
    licenceDelayMonths,
    from,
    ...(to !== undefined ? { to } : {}),
    provenance: SOURCE,
  });
  return {
    ...base,
    name: `${base.name} + China export licensing 2025`,
    policies: [
      ...(base.policies ?? []),
      control('cn-licensing-2025-04', APRIL, '2025-04'),
      control('cn-licensing-2025-10', OCTOBER, '2025-10', '2025-10'),
      control('cn-licensing-2025-10-resumed', OCTOBER, '2026-11'),
    ],
  };
}
