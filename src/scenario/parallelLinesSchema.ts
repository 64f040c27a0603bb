/**
 * Schema (zod) of the `parallel-lines` scenario: the base line of the parallelization study and the factors
 * of its ways, as {@link parallelLines} takes them (`ParallelLinesRequest`). The shape, types and each
 * number's range are checked here; the feed's two elements against the system's chain and the base
 * design's request are checked by the model's own `checkParallelLinesRequest`, which the loader runs.
 */
import { z } from 'zod';
import { LINE_VARIANTS, MAX_STARTUP_LINES } from '../study/parallelLines.js';
import { FEED_UNITS } from '../sx/flowUnits.js';
import { elementName, stripDesignSchema, systemName } from './sxSchemas.js';

/** A finite number in (lo, hi]; every failure reports `expected`. */
function above(lo: number, hi: number, expected: string) {
  return z.number({ error: expected }).gt(lo, expected).max(hi, expected);
}

const purity = (description: string) =>
  z
    .number({ error: 'a purity in (0.5, 1)' })
    .gt(0.5, 'a purity in (0.5, 1)')
    .lt(1, 'a purity in (0.5, 1)')
    .meta({ description });

/**
 * A parallel-lines request: the base train's feed, unit, volume, system and purities; k, f and β; the strip
 * section; optional start-up runs.
 *
 * @example
 * ```ts
 * const ok = parallelLinesInputSchema.safeParse({
 *   feed: { Pr: 1.3247, Nd: 3.7062 },
 *   unit: 'kmol/h',
 *   feedVolume: 5.0309,
 *   purity: { organic: 0.999, aqueous: 0.999 },
 *   k: 2,
 *   f: 1.25,
 *   beta: 1.7,
 * });
 * ok.success; // true
 * ```
 */
export const parallelLinesInputSchema = z
  .strictObject({
    feed: z
      .record(elementName, above(0, 1e12, 'an amount in (0, 1e12]'))
      .meta({ description: 'Feed of the base train: two rare earths, amount per hour of each in `unit`' }),
    unit: z.enum(FEED_UNITS as [string, ...string[]], { error: `one of ${FEED_UNITS.join(', ')}` }).meta({
      description:
        "Unit of the feed amounts ('t REO/yr': each element as its oxide); converted to kmol/h, the study's unit",
    }),
    feedVolume: above(0, 1e12, 'm³/h in (0, 1e12]').meta({
      description: 'Feed volume flow of the base train, m³/h (the feed at feed / feedVolume mol/L)',
    }),
    system: systemName.meta({ description: "Extractant system (default 'P507')" }).optional(),
    purity: z
      .strictObject({
        organic: purity('Target purity of the more extractable element in the organic product, in (0.5, 1)'),
        aqueous: purity('Target purity of the less extractable element in the raffinate, in (0.5, 1)'),
      })
      .meta({ description: 'Purity targets of every line' }),
    k: z
      .int({ error: 'an integer in [2, 1000]' })
      .min(2, 'an integer in [2, 1000]')
      .max(1000, 'an integer in [2, 1000]')
      .meta({ description: 'Output factor of ways (a), (b), (c) and (e)' }),
    f: above(1, 1000, 'a factor in (1, 1000]').meta({
      description: 'Feed factor of way (d), one train at the base organic flow (below the organic ceiling)',
    }),
    beta: above(1, 1000, 'a separation factor in (1, 1000]').meta({
      description: 'Separation factor of the key pair with the better extractant of way (e)',
    }),
    strip: stripDesignSchema,
    startup: z
      .strictObject({
        hours: above(0, 1e6, 'hours in (0, 1e6]').meta({ description: 'Simulated time of each start-up, h' }),
        sampleEvery: above(0, 1e6, 'hours in [hours/1e5, hours]').meta({
          description: 'Sampling interval of the outlets, h: the resolution of the start-up times',
        }),
        lines: z
          .array(z.enum(LINE_VARIANTS, { error: `one of ${LINE_VARIANTS.join(', ')}` }))
          .max(MAX_STARTUP_LINES, `at most ${MAX_STARTUP_LINES} lines`)
          .meta({ description: 'Lines whose train is started (default every line built)' })
          .optional(),
      })
      .meta({
        description:
          'Feed-filled start-up of one train of each line (default none: about 4 s per train at 50,000 h)',
      })
      .optional(),
  })
  .meta({
    description: 'The parallelization study of one base line: ways (a) to (e) of raising output by k',
  });

/** A parsed parallel-lines input. */
export type ParallelLinesInput = z.output<typeof parallelLinesInputSchema>;
