/**
 * One writer per checkpoint: a run holds `<checkpoint>.lock` while it reads and appends to the checkpoint.
 * Two runs appending to one checkpoint would each run the batches the other had not written yet, and the
 * file would hold them twice.
 *
 * The lock file holds who made it: process id, host, start time, and on Linux the boot id and the
 * process's start tick, which tell a live holder from a recycled process id. A lock is taken over when its
 * run is gone:
 * - on this host: its process no longer exists, is a zombie, is another process that got the same id
 *   (a different start tick, or a different boot), or is this very process, which does not hold it (a
 *   restarted container's process 1);
 * - on another host, whose processes cannot be checked from here: when its holder has not refreshed it
 *   (a holder touches its lock every {@link REFRESH_MS}) for {@link STALE_MS}.
 * Otherwise the run is refused with `CHECKPOINT_LOCKED`, naming the holder and the lock file.
 */
import { readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fail } from '../core/errors.js';
import { unusable } from './checkpoint.js';

/** How often a holder touches its lock file. */
export const REFRESH_MS = 30_000;
/** A lock of another host not touched for this long is taken over (its run is taken to be gone). */
export const STALE_MS = 5 * 60_000;

/** Who holds a lock: what the lock file says. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** Linux: the boot id and the process's start (clock ticks since boot), when readable. */
  readonly boot?: string;
  readonly start?: number;
}

/** The lock files this process holds (a lock naming this process that it does not hold is stale). */
const held = new Set<string>();

/** Linux's boot id, or undefined elsewhere. */
function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function procStat(pid: number | 'self'): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** A process's start, in clock ticks since boot (field 22 of /proc/<pid>/stat), from its fields. */
function startTick(fields: readonly string[] | undefined): number | undefined {
  const v = fields ? Number(fields[19]) : Number.NaN;
  return Number.isFinite(v) ? v : undefined;
}

/** The holder a lock file's `text` names, or undefined when it names none. */
function readHolder(text: string): LockHolder | undefined {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(h.pid) && typeof h.host === 'string' && typeof h.since === 'string')
      return h as LockHolder;
  } catch {
    // not a holder
  }
  return undefined;
}

/** Whether the run that wrote `holder` into `lock` is gone (see the module's doc). */
function gone(lock: string, holder: LockHolder | undefined): boolean {
  if (!holder || holder.host !== hostname()) {
    try {
      return Date.now() - statSync(lock).mtimeMs > STALE_MS;
    } catch {
      return true; // removed meanwhile
    }
  }
  if (holder.pid === process.pid) return !held.has(lock);
  const boot = bootId();
  if (holder.boot !== undefined && boot !== undefined && holder.boot !== boot) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return true;
  }
  const f = procStat(holder.pid);
  if (!f) return false; // alive by the signal check, and no /proc to say more
  if (f[0] === 'Z') return true; // killed, not yet reaped: it writes nothing more
  return holder.start !== undefined && startTick(f) !== holder.start;
}

/**
 * Takes the lock of checkpoint `file` (see the module's doc) and returns its release, which removes the
 * lock file if it still holds this run's lock. Where no lock file can be made because the folder is
 * read-only, no lock is taken: the checkpoint can be read (a finished study), and writing to it fails as
 * it would have.
 *
 * @throws ReesimError `CHECKPOINT_LOCKED` while another run holds the lock; `CHECKPOINT_INVALID` when the
 *   lock file cannot be made for another reason (a missing folder)
 */
export function lockCheckpoint(file: string): () => void {
  let real = file;
  try {
    real = realpathSync(file); // one lock per file, however it is named
  } catch {
    // not there yet
  }
  const lock = `${real}.lock`;
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    boot: bootId(),
    start: startTick(procStat('self')),
  } satisfies LockHolder);
  for (;;) {
    try {
      writeFileSync(lock, mine, { flag: 'wx' });
      return holdLock(lock, mine);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EACCES' || err.code === 'EROFS' || err.code === 'EPERM') return () => {};
      if (err.code !== 'EEXIST')
        unusable(
          file,
          `a checkpoint in a folder that exists and can hold its lock file ${lock} (${err.code ?? err.message})`,
        );
    }
    let text: string;
    try {
      text = readFileSync(lock, 'utf8');
    } catch {
      continue; // released meanwhile
    }
    const holder = readHolder(text);
    if (gone(lock, holder)) {
      takeOver(lock, text);
      continue;
    }
    const who = holder
      ? `process ${holder.pid} on ${holder.host} (since ${holder.since})`
      : 'a run whose lock cannot be read';
    const later =
      holder?.host === hostname()
        ? 'wait for that run to end'
        : `wait for that run to end (its lock is taken over once not refreshed for ${STALE_MS / 60_000} minutes)`;
    return fail(
      'CHECKPOINT_LOCKED',
      'runBatches.checkpoint',
      file,
      `a checkpoint no other run is writing: ${who} holds ${lock}; ${later}, or delete the lock file if it is gone`,
    );
  }
}

/**
 * Removes a stale lock whose content was `text`: moved aside first and checked, so that a lock another run
 * made in the meantime is put back rather than deleted. (Runs taking over the same lock at the same instant
 * can still both proceed in a window of a few system calls.)
 */
function takeOver(lock: string, text: string): void {
  const aside = `${lock}.${process.pid}.${Date.now()}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // gone meanwhile: try again
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treated as another run's
  }
  if (moved !== text) {
    try {
      writeFileSync(lock, moved, { flag: 'wx' }); // put back another run's fresh lock
    } catch {
      // a third run holds it now: it decides
    }
  }
  rmSync(aside, { force: true });
}

/** This run's hold on `lock`: touched every REFRESH_MS; the release stops that and removes the lock if it is still this run's. */
function holdLock(lock: string, mine: string): () => void {
  held.add(lock);
  const timer = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(lock, now, now);
    } catch {
      // removed by hand: the release will find it gone
    }
  }, REFRESH_MS);
  timer.unref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    held.delete(lock);
    try {
      if (readFileSync(lock, 'utf8') === mine) rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  };
}
