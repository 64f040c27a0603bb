/**
 * Countries of the built-in supply-chain scenarios: ISO 3166 alpha-2 codes, plus two regions. `EU` stands for
 * the European Union's magnet makers and magnet demand (France and Estonia keep their own codes because their
 * separation plants are named facilities, so that separated output is counted per country); `ROW` is the rest
 * of the world (the USGS "Other" mine row and the demand of countries not listed).
 */
export const COUNTRIES = {
  CN: 'China',
  US: 'United States',
  MM: 'Myanmar (Burma)',
  AU: 'Australia',
  NG: 'Nigeria',
  TH: 'Thailand',
  IN: 'India',
  RU: 'Russia',
  MG: 'Madagascar',
  VN: 'Vietnam',
  MY: 'Malaysia',
  BR: 'Brazil',
  EE: 'Estonia',
  FR: 'France',
  JP: 'Japan',
  KR: 'South Korea',
  EU: 'European Union (magnet makers and demand; France and Estonia listed apart)',
  ROW: 'Rest of world',
} as const satisfies Record<string, string>;

/** A country code of the built-in scenarios. */
export type CountryCode = keyof typeof COUNTRIES;
