/**
 * Where a built-in number came from and how far to trust it.
 *
 * Confidence follows the reference sheet the data were taken from: `high` is safe as a test oracle,
 * `medium` is a sound default to be checked against the user's own data, `low` is indicative only,
 * and `assumed` marks a number reesim chose where no published figure was found (a labelled proxy, never a fact).
 */
export type Confidence = 'high' | 'medium' | 'low' | 'assumed';

/**
 * How the number was obtained: read in the primary document, read in a secondary account, recalled from
 * the named source without re-checking, derived by formula from other sourced numbers, or assumed.
 */
export type Basis = 'primary' | 'secondary' | 'recalled' | 'derived' | 'assumed';

/** Source and confidence of one built-in value or table column. */
export interface Provenance {
  /** Key into {@link sources}. */
  readonly source: SourceKey;
  readonly basis: Basis;
  readonly confidence: Confidence;
  /** What the number means or how it was chosen, where the source alone does not say. */
  readonly note?: string;
}

/** A value together with its provenance. */
export interface Sourced<T> extends Provenance {
  readonly value: T;
}

/** Bibliography of every source a built-in number cites. */
export const sources = {
  CIAAW:
    'IUPAC Commission on Isotopic Abundances and Atomic Weights, standard atomic weights (Pm: mass number of 145Pm).',
  GK05: 'Gupta C.K., Krishnamurthy N., Extractive Metallurgy of Rare Earths, CRC Press (2005).',
  CH06: 'Castor S.B., Hedrick J.B., "Rare earth elements", Industrial Minerals & Rocks, 7th ed., SME (2006).',
  JOR13:
    'Jordens A., Cheng Y.P., Waters K.E., "A review of the beneficiation of rare earth element bearing minerals", Miner. Eng. 41:97-114 (2013).',
  XIE14:
    'Xie F., Zhang T.A., Dreisinger D., Doyle F., "A critical review on solvent extraction of rare earths from aqueous solutions", Miner. Eng. 56:10-28 (2014).',
  SW16: 'Sanematsu K., Watanabe Y., "Characteristics and genesis of ion adsorption-type REE deposits", SEG Reviews in Economic Geology 18 (2016).',
  DREW90:
    'Drew L.J., Meng Q., Sun W., "The Bayan Obo iron-rare-earth-niobium deposits", Lithos 26:43-65 (1990).',
  MP10K: 'MP Materials FY2024 results and 10-K (as reported in results digests).',
  LYC: 'Lynas Rare Earths ASX releases: 2024 Mineral Resource and Ore Reserve update; quarterly reports.',
  USGS25: 'Cordier D.J., "Rare Earths", Mineral Commodity Summaries 2025, USGS (Jan 2025), pp. 144-145.',
  EURARE: 'EURARE project, "REE metal production - molten salt electrolysis".',
  BRIT: 'Gschneidner K.A., "Rare-earth element - calciothermic method", Encyclopaedia Britannica.',
  TMS89: '"Process variables in the preparation of high purity rare earth metals", TMS (1989).',
  CNCELL:
    'Chinese molten-salt electrolysis industry note (2012/2014 reposts): 2.5-4.5 kA cells, 2.3-4.5 t Nd per cell-month.',
  SV: 'Serra Verde company releases (via Miners News, NS Energy, Fastmarkets).',
  BEY: 'Beylikova/Kizilcaoren: Daily Sabah (2022), Sabah (2025); Kaplan H. (1977) Geol. Eng. 2:29-34.',
  DIPLOMAT21: 'The Diplomat (2021) on Kachin (Myanmar) ion-adsorption clay mining.',
  SI19: 'BIPM, The International System of Units (SI Brochure), 9th ed. (2019): exact defining constants e and N_A.',
  NNDC: 'NNDC (Brookhaven), NuDat 3 / ENSDF: half-lives of Th-232 (1.40e10 y) and U-238 (4.468e9 y); IUPAC isotopic abundance of U-238 in natural uranium (99.2742 atom %).',
  IAEA14:
    'IAEA, Radiation Protection and Safety of Radiation Sources: International Basic Safety Standards, GSR Part 3 (2014), Schedule I: 1 Bq/g for each radionuclide of the U-238 and Th-232 decay chains in bulk material of natural origin.',
  XU95: 'Xu Guangxian (ed.), Rare Earths (稀土), 2nd ed., Metallurgical Industry Press (1995; 3rd printing 2002): cascade theory and the HEH(EHP)/P204 separation-factor tables.',
  LI19: 'Li D., "Development course of separating rare earths with acid phosphorus extractants: a critical review", J. Rare Earths 37:468-486 (2019).',
  LI17: 'Li D., "A review on yttrium solvent extraction chemistry and separation process", J. Rare Earths 35:107 (2017).',
  LIU21:
    'Liu T., Chen J., "Extraction and separation of heavy rare earth elements: a review", Sep. Purif. Technol. 276:119263 (2021).',
  PEP57: 'Peppard D.F., Mason G.W., Maier J.L., Driscoll W.J., J. Inorg. Nucl. Chem. 4:334-343 (1957).',
  USTB18:
    '"(2-ethylhexyl)(2,4,4′-trimethylpentyl)phosphinic acid (USTB-1) ...", Sep. Purif. Technol. 194:188-196 (2018) (abstract).',
  NA79: 'Naphthenic-acid La/Pr/Nd separation, J. Inner Mongolia Univ. (Nat. Sci.) 1979(1):65-69 (abstract).',
  XU85: 'Xu Guangxian, "Theory of countercurrent extraction and its applications in rare earths", in New Frontiers in Rare Earth Science and Applications, Academic Press (1985), doi 10.1016/b978-0-12-767661-6.50109-0.',
  ZZS16:
    'Zhang J., Zhao B., Schreiner B., Separation Hydrometallurgy of Rare Earth Elements, Springer (2016) (read as summarised in a public book draft).',
  MIIT24:
    'MIIT/MNR 2024 rare-earth mining and smelting/separation quota notices, as reported by Fastmarkets (6 Feb 2024), Project Blue and a Reuters-based digest.',
  IEA24:
    'IEA, Global Critical Minerals Outlook 2024 (via SEAISI news 3 Jun 2024 and SEAISI/Kallanish 11 Nov 2024): magnet rare-earth demand and refining shares.',
  IEA25C:
    'IEA commentary, 23 Oct 2025 (via Rare Earth Exchanges): China 91 % of separation, 94 % of sintered permanent-magnet manufacturing.',
  ARGUS25R:
    "Argus Media, 'China's recycled rare earth output falls in 2024' (June 2025; figures from Liu Weihua, chairman of Ji'an Xintai Technology): REO from NdFeB magnet scrap 34,147 t in 2024 (39,662 t in 2023), incl. 26,504 t PrNd oxide, 1,048 t Gd, 710 t Dy, 167 t Ho, 160 t Tb oxide; scrap ~25-30 % of magnet output; ~40 plants, 64 % of output in Jiangxi.",
  ARGUS24V:
    "Argus Media, 'Viewpoint: China's rare earth sector faces tough 2025' (Dec 2024; market participants, Acrei): China's 2024 PrNd oxide output ~106,000 t and consumption ~96,000 t, PrNd metal output ~88,000 t and consumption ~80,000 t; NdFeB magnet output ~300,000 t; Dy oxide ~3,500 t, Tb oxide ~650 t.",
  NEO25:
    "Neo Performance Materials' Narva (Estonia) sintered-magnet plant, Reuters via Automotive World (19 Sep 2025) and Argus (2023): pre-start operations May 2025, inaugurated 19 Sep 2025, phase 1 2,000 t/yr of NdFeB magnets with major shipments from 2026, phase 2 at least 5,000 t/yr from 2027.",
  LYC26:
    'Lynas on power outages at Kalgoorlie (Reuters via Kitco, AFR via Mining Day, 25 Nov 2025; December-quarter report, Jan 2026): grid outages through 2025, worst in November, about a month of cracking output lost in the December quarter 2025; NdPr 1,404 t in that quarter against about 2,000 t in the two before.',
  VN25: "Vietnam's amended Law on Geology and Minerals, passed 11 Dec 2025, in force 1 Jan 2026 (Bloomberg via The Business Times, Dec 2025; Lao Dong; VnExpress): rare earths are special strategic minerals, raw-ore exports prohibited.",
  SOLV: 'Solvay release 9 Apr 2025 (via Automotive World), SpecChem Online, 24Brussels: La Rochelle rare-earth separation.',
  SILMET: 'Baltic Times, 6 Apr 2011: NPM Silmet (Sillamae, Estonia) separation capacity.',
  MOFCOM25:
    'China MOFCOM/GAC export-control announcements of 2025 as reported in the news: April 2025 licensing of Sm, Gd, Tb, Dy, Lu, Sc, Y and magnets containing them (in force); the 9 October 2025 announcements Nos. 55-58, 61, 62 (No. 57: Ho, Er, Tm, Eu, Yb, to apply from 8 November 2025; equipment, technology, the overseas 0.1 % rule), suspended before taking effect by MOFCOM/GAC Announcement No. 70 of 7 November 2025 until 10 November 2026 (rawmaterials.net, Pillsbury, Resilinc, 7-12 Nov 2025).',
  GACC25:
    'China customs (GACC) rare-earth permanent-magnet exports 2025 as reported by Reuters (via Kitco, 20 Aug 2025; Trading Economics, 21 Jul 2025) and the Wall Street Journal (via Automotive World, 20 Jun 2025): first half 22,319 t (-18.9 % y/y); May 1,238 t (-52.9 % on April); June 3,188 t (-38.1 % y/y); July 5,577 t (+5.7 % y/y).',
  MP25: 'MP Materials 2025-2026 releases and results (via Reuters and Business Wire reposts): China-bound shipments stopped April 2025, sales to China ceased July 2025, Independence (Fort Worth) metal and magnets from January 2025, DoD partnership and 10X facility July 2025, 2025 output 2,599 t NdPr oxide.',
  ADAMAS22:
    "Adamas Intelligence, 'October Site Visit: MP Materials' Mountain Pass Mine and Processing Facilities' (2022-11): separation line for 20,000 t TREO/yr, upwards of 6,000 t/yr NdPr oxide.",
  FM24: "Fastmarkets, 'Lynas to produce dysprosium, terbium oxide in Malaysia' (2024-06-27): heavy circuit for ~1,500 t/yr SEG-HRE feed.",
  LYC25:
    'Lynas ASX releases of 2025 on heavy rare earths (via Australian Mining, The West Australian, mining.com): circuit commissioned, first Dy oxide May 2025, Tb June 2025.',
  PKUS25:
    'Pakistan-US critical-minerals deal as reported (Arab News, Dunya News, Dawn, AL Circle, Sept-Oct 2025): USSM and Frontier Works Organization memoranda of 8 Sep 2025, first shipment to USSM in early October 2025.',
  USSM25:
    "USSM-Ionic Rare Earths memorandum (digest, 2025-11-10): magnet recycling and rare-earth production at USSM's Missouri site.",
  BEY25:
    'Beylikova news of 2025 (Bloomberg via Turkiye Today and Report.az, 2025-10-06; Nikkei Asia via Sozcu, 2025-11-25): talks with the US, refinery planned at Beylikova, plant to open 2027-2028.',
  SV26: 'Serra Verde news of 2025-2026 (Reuters via Mining Doc; SMM; Bloomberg via mining.com): production since 2024, 4,000-5,000 t/yr REO in 2025, Chinese offtake to end in 2026, US DFC loan.',
  MM25: 'Kachin (Myanmar) disruption reports 2024-2025 (Reuters via Miners News; The Irrawaddy; Pajau Media; SMM): KIA control of Pangwa and Chipwi, Chinese import halt from September 2024, most sites shut from February 2025, recovery from April 2025.',
  USER: 'Supplied by the user of reesim (their own plant, assay or study data).',
  REESIM:
    'reesim: derived by formula from the sourced values it names, or assumed by reesim where no published figure was found.',
} as const satisfies Record<string, string>;

/** A key of {@link sources}. */
export type SourceKey = keyof typeof sources;

/** Shorthand for a provenance record. */
export function cite(source: SourceKey, basis: Basis, confidence: Confidence, note?: string): Provenance {
  return note === undefined ? { source, basis, confidence } : { source, basis, confidence, note };
}

/** Shorthand for a sourced value. */
export function sourced<T>(
  value: T,
  source: SourceKey,
  basis: Basis,
  confidence: Confidence,
  note?: string,
): Sourced<T> {
  return { value, ...cite(source, basis, confidence, note) };
}
