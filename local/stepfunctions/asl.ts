/** Reading an ASL definition: its shapes, and the walks the engine makes over states and Parameters. */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type StateDef = Record<string, unknown> & { Type: string };
export type Definition = { StartAt: string; States: Record<string, StateDef> } & Record<string, unknown>;

/** Finds `"<key>.$": "<path>"` in a Parameters template; returns the key path to the resolved value. */
export const findParameterFor = (
  template: unknown,
  path: string,
  at: string[] = [],
): string[] | undefined => {
  if (!template || typeof template !== 'object') return undefined;
  for (const [k, v] of Object.entries(template)) {
    if (k.endsWith('.$') && v === path) return [...at, k.slice(0, -2)];
    const found = findParameterFor(v, path, [...at, k]);
    if (found) return found;
  }
  return undefined;
};

export const readPath = (value: unknown, keys: string[]): unknown =>
  keys.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );

export const replaceDeep = (value: unknown, from: string, to: string): unknown => {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, from, to));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to)]));
  return value;
};

/** Visits every state, including those inside Map and Parallel. */
export const forEachState = (
  states: Record<string, StateDef>,
  fn: (name: string, state: StateDef) => void,
): void => {
  for (const [name, state] of Object.entries(states)) {
    fn(name, state);
    const processor = (state.ItemProcessor ?? state.Iterator) as
      | { States?: Record<string, StateDef> }
      | undefined;
    if (processor?.States) forEachState(processor.States, fn);
    for (const branch of (state.Branches as { States: Record<string, StateDef> }[] | undefined) ?? []) {
      forEachState(branch.States, fn);
    }
  }
};
