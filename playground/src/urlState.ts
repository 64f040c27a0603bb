/**
 * Page state in the URL's hash (`#design&system=P507&pair=Nd%2FPr&…`), so a view can be shared as a link.
 * Only keys of the view's defaults are read, each as the default's type.
 */
export function readState<T extends object>(view: string, defaults: T): Partial<T> {
  const [name, query = ''] = location.hash.replace(/^#/, '').split(/&(.*)/s);
  if (name !== view) return {};
  const params = new URLSearchParams(query);
  const out: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const raw = params.get(key);
    if (raw === null) continue;
    if (typeof fallback === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n)) out[key] = n;
    } else if (typeof fallback === 'boolean') out[key] = raw === '1';
    else out[key] = raw;
  }
  return out as Partial<T>;
}

/** Writes a view's state into the hash without adding a history entry. */
export function writeState(view: string, state: object): void {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  history.replaceState(null, '', `#${view}&${params.toString()}`);
}

/** The view named in the hash, if any. */
export function viewInUrl(): string | undefined {
  const name = location.hash.replace(/^#/, '').split('&')[0];
  return name === '' ? undefined : name;
}
