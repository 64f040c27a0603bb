/**
 * Recycling of the baseline-2024 supply-chain scenario: oxide recovered from NdFeB magnet scrap (t REO per
 * year), a supply that enters the chain at the oxide stage beside the mines' ore.
 *
 * **China** recovered 34,147 t REO from NdFeB magnet scrap in 2024 (39,662 t in 2023), of which 26,504 t
 * PrNd oxide, 1,048 t Gd, 710 t Dy, 167 t Ho and 160 t Tb oxide (ARGUS25R). Most of that scrap is the
 * 25-30 % of magnet output that becomes swarf and offcuts; reesim reads the IEA's magnet demand as what magnet
 * makers consume (swarf included), so the recovered oxide is supply beside the mined oxide, not a second
 * count of it. The PrNd is split Pr:Nd 1:3, the magnet demand's ratio (assumed); the 5,558 t the source
 * leaves unnamed are booked as Ce (cerium-iron-boron scrap; assumed). No recycling outside China is in the
 * baseline (none at scale in 2024).
 */
import { cite } from '../../data/provenance.js';
import type { Facility } from '../types.js';

/** China's 2024 REO recovered from NdFeB scrap by element, t REO (ARGUS25R; Pr/Nd split and Ce assumed). */
export const CHINA_RECYCLED_2024 = {
  total: 34_147,
  named: { PrNd: 26_504, Gd: 1_048, Dy: 710, Ho: 167, Tb: 160 },
} as const;

const named = CHINA_RECYCLED_2024.named;
const unnamed = CHINA_RECYCLED_2024.total - (named.PrNd + named.Gd + named.Dy + named.Ho + named.Tb);

/** Recyclers of the baseline-2024 scenario. */
export const RECYCLING_2024: readonly Facility[] = [
  {
    id: 'cn-recycling',
    name: 'Chinese NdFeB scrap recyclers (about 40 plants, 64 % of output in Jiangxi)',
    country: 'CN',
    kind: 'recycling',
    capacity: {
      value: CHINA_RECYCLED_2024.total,
      provenance: cite('ARGUS25R', 'secondary', 'medium', '2024 output, t REO from NdFeB magnet scrap'),
    },
    mix: {
      Pr: 0.25 * named.PrNd,
      Nd: 0.75 * named.PrNd,
      Gd: named.Gd,
      Dy: named.Dy,
      Ho: named.Ho,
      Tb: named.Tb,
      Ce: unnamed,
    },
    provenance: cite(
      'ARGUS25R',
      'secondary',
      'medium',
      'mix by element from the source; Pr:Nd 1:3 and the unnamed 5,558 t as Ce are assumed',
    ),
  },
];
