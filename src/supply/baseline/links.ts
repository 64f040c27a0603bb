/**
 * Trade and transfer routes of the baseline-2024 supply-chain scenario. Routes follow the reference sheet
 * where it names them (ree-data.md 4.4 and 7.1: MP concentrate to China, Kachin clays to China, Mount Weld ->
 * Kalgoorlie -> Malaysia; the USGS estimates Myanmar, Nigeria, Thailand, Madagascar, Vietnam, Malaysia and
 * Australia from Chinese import data, so those countries ship to China). Downstream routes (who sells oxide,
 * metal and magnets to whom) are reesim assumptions that mirror the known pattern: China serves its own plants
 * and exports metal and magnets; Lynas and MP oxide goes to Japanese metal makers or to China.
 *
 * Lead times in months are assumed (no source): 0 within a country, 1 for neighbours or short sea routes
 * (Myanmar or Southeast Asia to China, Australia to Malaysia, China to Japan and Korea, Malaysia to Japan,
 * Russia to Estonia), 2 for ocean routes (the Americas, Africa, Europe). Costs and capacities use the model's
 * defaults (no limit). `country:XX` stands for every facility of XX at the link's stage (and, at the demand
 * stage, for the country's demand).
 */
import type { TradeLink } from '../types.js';

const link = (from: string, to: string, stage: TradeLink['stage'], leadTime = 0): TradeLink => ({
  from,
  to,
  stage,
  leadTime,
});

/** Routes of the baseline-2024 scenario. */
export const LINKS_2024: readonly TradeLink[] = [
  // Concentrate: mines to crackers (named: a separator that takes concentrate cracks it at its own recovery
  // only, so a country-wide link let China's ore skip the cracking loss once separators had room).
  link('cn-bayan-obo', 'cn-northern-cracking', 'concentrate'),
  link('cn-creg-light', 'cn-creg-cracking', 'concentrate'),
  link('cn-creg-clays', 'cn-creg-cracking', 'concentrate'),
  link('cn-undocumented', 'cn-other-cracking', 'concentrate'),
  link('us-mountain-pass', 'us-mp-cracking', 'concentrate'),
  link('us-mountain-pass', 'cn-other-cracking', 'concentrate', 2),
  link('mm-kachin', 'mm-kachin-leach', 'concentrate'),
  link('au-mount-weld', 'au-kalgoorlie', 'concentrate'),
  link('au-mount-weld-beyond-usgs', 'au-kalgoorlie', 'concentrate'),
  link('ng-mines', 'cn-other-cracking', 'concentrate', 2),
  link('th-mines', 'cn-other-cracking', 'concentrate', 1),
  link('mg-mines', 'cn-other-cracking', 'concentrate', 2),
  link('vn-mines', 'cn-other-cracking', 'concentrate', 1),
  link('my-mines', 'cn-other-cracking', 'concentrate', 1),
  link('br-mines', 'cn-other-cracking', 'concentrate', 2),
  link('row-mines', 'cn-other-cracking', 'concentrate', 2),
  link('in-mines', 'in-irel-cracking', 'concentrate'),
  link('ru-mines', 'ru-solikamsk', 'concentrate'),
  // Mixed (cracked or leached) material: crackers to separators.
  link('country:CN', 'country:CN', 'mixed'),
  link('mm-kachin-leach', 'country:CN', 'mixed', 1),
  link('au-kalgoorlie', 'my-lynas-lamp', 'mixed', 1),
  link('us-mp-cracking', 'us-mp-separation', 'mixed'),
  link('in-irel-cracking', 'in-irel-separation', 'mixed'),
  link('ru-solikamsk', 'ee-silmet', 'mixed', 1),
  // Separated oxide: separators to metal makers.
  link('country:CN', 'cn-metal', 'oxide'),
  link('country:CN', 'jp-metal', 'oxide', 1),
  link('my-lynas-lamp', 'jp-metal', 'oxide', 1),
  link('my-lynas-lamp', 'cn-metal', 'oxide', 1),
  link('us-mp-separation', 'jp-metal', 'oxide', 2),
  link('us-mp-separation', 'cn-metal', 'oxide', 2),
  link('in-irel-separation', 'jp-metal', 'oxide', 1),
  link('ee-silmet', 'jp-metal', 'oxide', 2),
  link('ee-silmet', 'cn-metal', 'oxide', 2),
  link('fr-solvay', 'jp-metal', 'oxide', 2),
  link('fr-solvay', 'cn-metal', 'oxide', 2),
  // Metal: metal makers to magnet makers.
  link('cn-metal', 'cn-magnet', 'metal'),
  link('cn-metal', 'jp-magnet', 'metal', 1),
  link('cn-metal', 'eu-magnet', 'metal', 2),
  link('jp-metal', 'jp-magnet', 'metal'),
  link('jp-metal', 'eu-magnet', 'metal', 2),
  // Magnets: makers to the demand of each country.
  link('cn-magnet', 'country:CN', 'magnet'),
  link('cn-magnet', 'country:JP', 'magnet', 1),
  link('cn-magnet', 'country:KR', 'magnet', 1),
  link('cn-magnet', 'country:EU', 'magnet', 2),
  link('cn-magnet', 'country:US', 'magnet', 2),
  link('cn-magnet', 'country:ROW', 'magnet', 2),
  link('jp-magnet', 'country:JP', 'magnet'),
  link('jp-magnet', 'country:US', 'magnet', 2),
  link('jp-magnet', 'country:EU', 'magnet', 2),
  link('jp-magnet', 'country:KR', 'magnet', 1),
  link('eu-magnet', 'country:EU', 'magnet'),
  link('eu-magnet', 'country:US', 'magnet', 2),
];
