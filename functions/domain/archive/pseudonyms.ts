import { createHmac, randomBytes } from 'node:crypto';

/**
 * Stable pseudonyms for citizens' account names in an export made with `redactAuthors`: an HMAC-SHA256 of
 * the platform and the handle (lower-cased) under a key made for this one export and never stored, so
 * the same citizen has the same name throughout one export ("Warga-3F9A1C"), and two exports cannot be
 * joined on it (docs/decisions/0025).
 */
export class Pseudonyms {
  private readonly key: Buffer;
  private readonly given = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  of(platform: string, handle: string): string {
    const id = `${platform}:${handle.trim().replace(/^@/, '').toLowerCase()}`;
    const known = this.given.get(id);
    if (known) return known;
    const hex = createHmac('sha256', this.key).update(id).digest('hex').toUpperCase();
    // Six hex digits, longer only on a collision within this export.
    let length = 6;
    let name = `Warga-${hex.slice(0, length)}`;
    while (this.taken.has(name) && length < hex.length) {
      length += 2;
      name = `Warga-${hex.slice(0, length)}`;
    }
    this.given.set(id, name);
    this.taken.add(name);
    return name;
  }

  /** Every handle and id given a pseudonym so far, longest first (for replacing inside raw payloads). */
  replacements(): [string, string][] {
    return [...this.given.entries()]
      .map(([id, name]): [string, string] => [id.slice(id.indexOf(':') + 1), name])
      .sort((a, b) => b[0].length - a[0].length);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every known handle or id in a text (a raw webhook payload, a reply), whole words only. */
export const redactText = (text: string, replacements: readonly [string, string][]): string => {
  let out = text;
  for (const [from, to] of replacements) {
    if (!from) continue;
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_])@?${escapeRegExp(from)}(?![A-Za-z0-9_])`, 'gi'), to);
  }
  return out;
};
