/**
 * Sorting a million keys is the largest single cost of indexing a run's listing, and a
 * comparison sort of strings that share long prefixes (`files/`, a client's folder) compares
 * those prefixes again on every comparison. This sort is a most-significant-digit radix sort
 * on UTF-16 code units: each pass looks at one position of the keys of one bucket only, so a
 * shared prefix costs one pass. It sorts positions, not keys, so that arrays kept beside the
 * keys can be put in the same order. The order is that of `<` on strings.
 *
 * @internal
 * @module
 */

// Below this many keys a bucket is finished by insertion sort.
const small = 24

/**
 * The positions of `keys` in ascending order of the keys (`<`); equal keys keep their order.
 *
 * @category sorting
 */
export const keyOrder = (keys: ReadonlyArray<string>): Int32Array => {
  const n = keys.length
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const scratch = new Int32Array(n)
  // Bucket 0 holds keys that end before the position; 1 + code unit for the others (< 255).
  const counts = new Int32Array(257)
  const stack: Array<number> = [0, n, 0]
  while (stack.length > 0) {
    const at = stack.pop()!
    const high = stack.pop()!
    const low = stack.pop()!
    if (high - low <= small) {
      insertionSort(keys, order, low, high)
      continue
    }
    const depth = at + sharedPrefix(keys, order, low, high, at)
    counts.fill(0)
    let wide = false
    for (let i = low; i < high && !wide; i++) {
      const key = keys[order[i]!]!
      const code = depth < key.length ? key.charCodeAt(depth) + 1 : 0
      if (code > 255) wide = true
      else counts[code]!++
    }
    if (wide) {
      // A code unit beyond Latin-1 here: this bucket is sorted by comparison instead.
      comparisonSort(keys, order, low, high)
      continue
    }
    let start = low
    for (let code = 0; code < 256; code++) {
      const count = counts[code]!
      counts[code] = start
      start += count
    }
    for (let i = low; i < high; i++) {
      const position = order[i]!
      const key = keys[position]!
      const code = depth < key.length ? key.charCodeAt(depth) + 1 : 0
      scratch[counts[code]!++] = position
    }
    order.set(scratch.subarray(low, high), low)
    // `counts[code]` is now the end of bucket `code`; keys that ended (bucket 0) are equal.
    let from = low + 0
    for (let code = 0; code < 256; code++) {
      const to = counts[code]!
      if (code > 0 && to - from > 1) stack.push(from, to, depth + 1)
      from = to
    }
  }
  return order
}

// How many code units from `depth` on all keys of the bucket share: a scan that stops at the
// first key that differs right away, so a shared prefix costs one pass instead of one per
// code unit, and a mixed bucket costs almost nothing.
const sharedPrefix = (keys: ReadonlyArray<string>, order: Int32Array, low: number, high: number, depth: number): number => {
  const first = keys[order[low]!]!
  let shared = first.length - depth
  for (let i = low + 1; i < high && shared > 0; i++) {
    const key = keys[order[i]!]!
    const limit = Math.min(shared, key.length - depth)
    let j = 0
    while (j < limit && key.charCodeAt(depth + j) === first.charCodeAt(depth + j)) j++
    shared = j
  }
  return Math.max(shared, 0)
}

const insertionSort = (keys: ReadonlyArray<string>, order: Int32Array, low: number, high: number): void => {
  for (let i = low + 1; i < high; i++) {
    const position = order[i]!
    const key = keys[position]!
    let j = i - 1
    while (j >= low && keys[order[j]!]! > key) {
      order[j + 1] = order[j]!
      j--
    }
    order[j + 1] = position
  }
}

const comparisonSort = (keys: ReadonlyArray<string>, order: Int32Array, low: number, high: number): void => {
  const sorted = Array.from(order.subarray(low, high)).sort((a, b) => {
    const ka = keys[a]!
    const kb = keys[b]!
    return ka < kb ? -1 : ka > kb ? 1 : a - b
  })
  order.set(sorted, low)
}

/**
 * The items of `values` in the given order.
 *
 * @category sorting
 */
export const inOrder = <A>(values: ReadonlyArray<A>, order: Int32Array): Array<A> => {
  const out = new Array<A>(order.length)
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!
  return out
}
