/**
 * Drops a key a server lists twice, with memory bounded by a window of recent keys.
 *
 * S3 never repeats a key within one listing, but S3-compatible servers with a flawed
 * continuation token do, usually across a page boundary. Remembering every key would make
 * memory grow with the bucket; remembering the last `window` keys (default 20,000 = 20 pages)
 * catches every repeat within that distance. The bound, stated plainly: a key repeated more
 * than `window` keys after its first appearance in the same prefix listing is yielded twice.
 *
 * @module
 */

/**
 * Remembers recent keys; `firstSeen` is true the first time a key is offered.
 *
 * @category models
 */
interface DuplicateFilter {
  readonly firstSeen: (key: string) => boolean
}

/**
 * A filter over the last `window` distinct keys (oldest forgotten first).
 *
 * @category constructors
 */
export const makeDuplicateFilter = (window: number): DuplicateFilter => {
  // A Set iterates in insertion order, so its first element is the oldest key.
  const recent = new Set<string>()
  return {
    firstSeen: (key) => {
      if (recent.has(key)) return false
      recent.add(key)
      if (recent.size > window) {
        const oldest = recent.values().next()
        if (oldest.done !== true) recent.delete(oldest.value)
      }
      return true
    }
  }
}
