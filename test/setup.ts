// Property tests are seeded, so a CI run is reproducible: fast-check's default seed is the clock, and a
// random run that finds a new counterexample would turn an unrelated change red. Set FC_SEED to a number
// to explore other cases (e.g. FC_SEED=$RANDOM npm run test:fast); a failure prints its seed and path.
import fc from 'fast-check';

const seed = process.env.FC_SEED === undefined ? 20261207 : Number(process.env.FC_SEED);
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
