/**
 * The pieces every model's study labels are built from: what a label says about one path, the rule that
 * finds it, and the shared wording of a balance residual.
 */

/** What a model knows of one path: its words and its unit. */
export interface Named {
  /** Readable name, e.g. `'Product purity of A'`. */
  readonly label: string;
  /** Unit of the model's number, e.g. `'mol/h'`, `'t REO'`; absent for counts and dimensionless ratios. */
  readonly unit?: string;
  /** The number is a fraction (a purity, a share): reports show an output of it ×100 in %. */
  readonly fraction?: boolean;
}

/**
 * The words of one path (dots only: `draws.0.purity.A`, not `draws[0]...`) given the study's base scenario,
 * or undefined when the model does not know the path.
 */
export type LabelRule = (path: string, base: unknown) => Named | undefined;

/** How one model names the paths of a study: its outputs (into its result) and its parameters (into its scenario). */
export interface ModelLabels {
  readonly outputs: LabelRule;
  readonly parameters: LabelRule;
}

/** A pattern and what a path it matches is called (undefined: let a later rule try). */
export type Rule = readonly [RegExp, (m: readonly string[], base: unknown) => Named | undefined];

/** The first rule whose pattern matches the whole path and which names it. */
export function byRules(rules: readonly Rule[]): LabelRule {
  return (path, base) => {
    for (const [pattern, name] of rules) {
      const m = pattern.exec(path);
      const named = m
        ? name(
            [...m].map((s) => s ?? ''),
            base,
          )
        : undefined;
      if (named) return named;
    }
    return undefined;
  };
}

/** A rule tried on the rest of a path after a prefix (`simulation.` of a design, `steady.` of a dynamics run). */
export function under(prefix: RegExp, rule: LabelRule, word: (m: readonly string[]) => string): Rule {
  const whole = new RegExp(`^${prefix.source}\\.(.+)$`);
  return [
    whole,
    (m, base) => {
      const inner = rule(m[m.length - 1] ?? '', base);
      return inner ? { ...inner, label: `${inner.label}${word(m)}` } : undefined;
    },
  ];
}

/** The relative balance residual a result carries about itself (`balanceError`, `balanceResidual`, `balance.residual`). */
export const BALANCE: Named = { label: 'Balance residual (relative)' };

/** A fraction. */
export function fraction(label: string): Named {
  return { label, fraction: true };
}

/** A number with its unit (none for counts and dimensionless numbers). */
export function quantity(label: string, unit?: string): Named {
  return unit === undefined ? { label } : { label, unit };
}

/**
 * A pattern of one id in a path (`blocks.rougher`, `events.mp-domestic-separation`): not a position
 * (`blocks.3` is the fourth block, whose id the path does not give).
 */
export const ID = '(?!-?\\d+(?:\\.|$))([^.]+)';
