/**
 * A value made on first use and kept. For module-level objects that cost at import but are not needed by
 * every function that bundles the module (an `Intl` formatter or segmenter loads its locale data when it
 * is constructed: about 15 ms for a grapheme segmenter on a cold Lambda), so a cold start pays only for
 * what the invocation uses (docs/decisions/0023).
 */
export const once = <T>(make: () => T): (() => T) => {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
};
