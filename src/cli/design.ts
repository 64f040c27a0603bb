/** `reesim design`: a cascade designed from flags, checked and run exactly like a `design` scenario file. */
import { stringify } from 'yaml';
import type { Issue } from '../core/errors.js';
import { CliFailure, EXIT_BAD_INPUT, explain, formatIssues } from './exit.js';
import { type Io, type RunFlags, runLoaded, scenarioFrom } from './run.js';

/** Flags of `reesim design` (strings as typed; checked here and by the scenario schema). */
export interface DesignFlags extends RunFlags {
  readonly feed: string;
  readonly system: string;
  readonly keys?: string;
  readonly purity?: string;
  readonly purityOrganic?: string;
  readonly purityAqueous?: string;
  readonly feedVolume?: string;
  readonly loading?: string;
  readonly flowUnits?: string;
}

function bad(path: string, value: unknown, expected: string): never {
  const issue: Issue = { code: 'INVALID_TYPE', path, value, expected };
  throw new CliFailure(formatIssues('reesim design', [issue]), EXIT_BAD_INPUT);
}

/** A number typed on the command line (left unparsed when it is not one, so the schema names it). */
function num(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  return text.trim() !== '' && Number.isFinite(x) ? x : text;
}

/** `Pr=0.8,Nd=2.2` as `{ Pr: 0.8, Nd: 2.2 }`. */
export function parseFeed(text: string): Record<string, number | string> {
  const feed: Record<string, number | string> = {};
  for (const part of text.split(',')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!name || value === undefined || rest.length > 0)
      bad('--feed', text, 'element=amount pairs, e.g. Pr=0.8,Nd=2.2');
    feed[name] = num(value) as number | string;
  }
  return feed;
}

/** The design scenario the flags describe. */
export function designScenario(flags: DesignFlags): Record<string, unknown> {
  const feed = parseFeed(flags.feed);
  const both = num(flags.purity ?? '0.999');
  const keys = flags.keys?.split('/').map((s) => s.trim());
  if (keys !== undefined && keys.length !== 2)
    bad('--keys', flags.keys, 'a key pair A/B, e.g. Nd/Pr (A more extractable)');
  const input: Record<string, unknown> = {
    feed,
    equilibrium: { system: flags.system, elements: Object.keys(feed) },
    purity: { organic: num(flags.purityOrganic) ?? both, aqueous: num(flags.purityAqueous) ?? both },
    ...(keys ? { keys: { A: keys[0], B: keys[1] } } : {}),
    ...(flags.feedVolume === undefined ? {} : { feedVolume: num(flags.feedVolume) }),
    ...(flags.loading === undefined ? {} : { loading: num(flags.loading) }),
    ...(flags.flowUnits === undefined ? {} : { flowUnits: flags.flowUnits }),
  };
  const elements = Object.keys(feed).join('/');
  return { kind: 'design', title: `${elements} cascade with ${flags.system}`, input };
}

/** `reesim design --feed ... [--system P507] [--keys A/B] [--purity 0.999]`. */
export async function designCommand(flags: DesignFlags, io: Io): Promise<number> {
  try {
    const file = designScenario(flags);
    const scenario = scenarioFrom('reesim design', JSON.stringify(file), 'json');
    return await runLoaded('reesim design', scenario, { text: stringify(file), format: 'yaml' }, flags, io);
  } catch (e) {
    const { code, message } = explain(e, 'reesim design');
    io.stderr.write(`${message}\n`);
    return code;
  }
}
