/**
 * Memoisation of values derived from immutable inputs, keyed by the identity of the input (a
 * listing, a ledger array, a clients array) and one more key (a pool prefix, a classifier).
 * The first key is held weakly, so a derived value lives as long as its input and no longer.
 *
 * @internal
 * @module
 */

/**
 * A memo on two keys: `memo(input, key, compute)` returns what `compute` returned the first
 * time it was called with the same input object and key.
 *
 * @category memoisation
 */
export const memoOnInput = <Input extends object, Key, Value>() => {
  const cache = new WeakMap<Input, Map<Key, Value>>()
  return (input: Input, key: Key, compute: (input: Input) => Value): Value => {
    let byKey = cache.get(input)
    if (byKey === undefined) {
      byKey = new Map()
      cache.set(input, byKey)
    }
    if (byKey.has(key)) return byKey.get(key) as Value
    const value = compute(input)
    byKey.set(key, value)
    return value
  }
}
