/**
 * Tells whether a long list of strings holds a repeat, as the strings come. A `Set` of a
 * million fresh strings costs about half a second and a million entries for the collector to
 * trace; this is an open-addressing hash table of indexes into the caller's list, in one
 * `Int32Array`, at a fraction of that. Crafted collisions cannot make it slow: past a bound
 * on probing it hands over to a `Set`.
 *
 * @internal
 * @module
 */

/** Adds strings by their index in the caller's list. */
export interface RepeatFinder {
  /** Adds `key`, which is `keyAt(index)`; true when an earlier added string equals it. */
  readonly add: (index: number, key: string) => boolean
}

/**
 * A finder over the strings `keyAt(index)`, sized for about `expected` of them. It probes at
 * most `probesPerSlot` times its capacity in all before it hands over to a `Set`.
 */
export const makeRepeatFinder = (expected: number, keyAt: (index: number) => string, probesPerSlot = 8): RepeatFinder => {
  let capacity = 16
  while (capacity < expected * 2) capacity *= 2
  // Slots hold index + 1; 0 is an empty slot.
  let slots = new Int32Array(capacity)
  let held = 0
  let probeBudget = probesPerSlot * capacity
  let fallback: Set<string> | undefined

  // Puts a key in its slot; false when the probing budget ran out first (the key is not held).
  const place = (index: number, key: string): boolean | "repeat" => {
    const mask = slots.length - 1
    let slot = hashOf(key) & mask
    for (;;) {
      const at = slots[slot]!
      if (at === 0) {
        slots[slot] = index + 1
        return true
      }
      if (keyAt(at - 1) === key) return "repeat"
      if (--probeBudget <= 0) return false
      slot = (slot + 1) & mask
    }
  }

  const toSet = (table: Int32Array): Set<string> => {
    const set = new Set<string>()
    for (const at of table) if (at !== 0) set.add(keyAt(at - 1))
    return set
  }

  const grow = (): void => {
    const old = slots
    slots = new Int32Array(old.length * 2)
    probeBudget += probesPerSlot * slots.length
    for (const at of old) {
      if (at !== 0 && place(at - 1, keyAt(at - 1)) === false) {
        fallback = toSet(old)
        return
      }
    }
  }

  return {
    add: (index, key) => {
      if (fallback === undefined && 2 * (held + 1) > slots.length) grow()
      if (fallback !== undefined) return fallback.size === fallback.add(key).size
      const placed = place(index, key)
      if (placed === "repeat") return true
      if (placed === false) {
        fallback = toSet(slots)
        return fallback.size === fallback.add(key).size
      }
      held++
      return false
    }
  }
}

// FNV-1a over the UTF-16 code units.
const hashOf = (key: string): number => {
  let hash = 0x811c9dc5
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193)
  return hash >>> 0
}
