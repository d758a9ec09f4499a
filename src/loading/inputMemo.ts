/**
 * Results of pure functions of an enterprise's loaded values, kept for as long as those values
 * live ("an assessment memoized per data version"). The version is the identity of the
 * values themselves: the cache hands every request the same objects until a department's answer
 * changes (a new fetch, an invalidation), so a warm check grades once per data version instead of
 * once per request — and a new answer is a new object, never a stale hit. Keyed by nested
 * WeakMaps: nothing here keeps a value alive.
 */

const NULL = {};

/** One memo: a result per (key objects…, tail). */
export class InputMemo<T> {
  private readonly root = new WeakMap<object, unknown>();

  /** The result for these key objects (null allowed) and tail, made once. */
  get(keys: readonly unknown[], tail: string, make: () => T): T {
    let level: WeakMap<object, unknown> = this.root;
    for (const k of keys) {
      const key = (k ?? NULL) as object;
      let next = level.get(key) as WeakMap<object, unknown> | undefined;
      if (!next) level.set(key, (next = new WeakMap()));
      level = next;
    }
    let leaf = level.get(NULL) as Map<string, T> | undefined;
    if (!leaf) level.set(NULL, (leaf = new Map()));
    if (!leaf.has(tail)) {
      if (leaf.size > 8) leaf.clear(); // a few days or rule variants at most
      leaf.set(tail, make());
    }
    return leaf.get(tail)!;
  }
}
