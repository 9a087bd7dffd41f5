/**
 * Tells whether a long list of strings holds a repeat, as the strings come. A `Set` of a
 * million fresh strings costs about half a second and a million entries for the collector to
 * trace; this is an open-addressing hash table of indexes into the caller's list, in one
 * `Int32Array`, at a fraction of that, and strings that come sorted (ids of an export sorted by
 * id) need no table at all. Crafted collisions cannot make it slow: past a bound on probing it
 * hands over to a `Set`.
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
  // Slot pairs: the index + 1 (0: an empty slot) and the hash, so that a collision is mostly
  // told apart without fetching the other string.
  // Allocated when first needed: strings that come in order never need it.
  let slots = new Int32Array(0)
  let held = 0
  let probeBudget = probesPerSlot * capacity
  let fallback: Set<string> | undefined

  // Puts a key in its slot; false when the probing budget ran out first (the key is not held).
  const place = (index: number, key: string, hash: number): boolean | "repeat" => {
    const mask = slots.length / 2 - 1
    let slot = hash & mask
    for (;;) {
      const at = slots[2 * slot]!
      if (at === 0) {
        slots[2 * slot] = index + 1
        slots[2 * slot + 1] = hash
        return true
      }
      if (slots[2 * slot + 1] === hash && keyAt(at - 1) === key) return "repeat"
      if (--probeBudget <= 0) return false
      slot = (slot + 1) & mask
    }
  }

  const toSet = (table: Int32Array): Set<string> => {
    const set = new Set<string>()
    for (let slot = 0; slot < table.length; slot += 2) if (table[slot] !== 0) set.add(keyAt(table[slot]! - 1))
    return set
  }

  const grow = (): void => {
    const old = slots
    slots = new Int32Array(old.length * 2)
    probeBudget += probesPerSlot * (slots.length / 2)
    for (let slot = 0; slot < old.length; slot += 2) {
      const at = old[slot]!
      if (at !== 0 && place(at - 1, keyAt(at - 1), old[slot + 1]!) === false) {
        fallback = toSet(old)
        return
      }
    }
  }

  const addToTable = (index: number, key: string): boolean => {
    if (slots.length === 0) slots = new Int32Array(2 * capacity)
    if (fallback === undefined && 2 * (held + 1) > slots.length / 2) grow()
    if (fallback !== undefined) return fallback.size === fallback.add(key).size
    const placed = place(index, key, hashOf(key))
    if (placed === "repeat") return true
    if (placed === false) {
      fallback = toSet(slots)
      return fallback.size === fallback.add(key).size
    }
    held++
    return false
  }

  // Strings that come in increasing order (by text, or by length then text, as sorted numeric
  // ids do) cannot repeat, and one comparison each proves it. Once they stop (or the indexes
  // stop following each other), the strings so far go into the table, which takes over.
  let ordered = true
  let byText = true
  let byLength = true
  let previous = ""
  let first = -1
  let last = -1

  return {
    add: (index, key) => {
      if (ordered) {
        if (first === -1) {
          first = last = index
          previous = key
          return false
        }
        byText &&= previous < key
        byLength &&= previous.length < key.length || (previous.length === key.length && previous < key)
        if ((byText || byLength) && index === last + 1) {
          last = index
          previous = key
          return false
        }
        ordered = false
        for (let earlier = first; earlier <= last; earlier++) addToTable(earlier, keyAt(earlier))
      }
      return addToTable(index, key)
    }
  }
}

// FNV-1a over the UTF-16 code units, as a signed 32-bit integer.
const hashOf = (key: string): number => {
  let hash = 0x811c9dc5 | 0
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193)
  return hash
}
