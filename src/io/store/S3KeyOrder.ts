/**
 * The order S3 lists keys in: by their UTF-8 bytes. JavaScript compares strings by UTF-16
 * code units, which disagrees for characters beyond U+FFFF (stored as surrogates, U+D800 to
 * U+DFFF) against characters from U+E000 to U+FFFF: in UTF-8 the former always sort last.
 * Resuming a listing after a key (`StartAfter`) needs S3's order, or it would skip a prefix
 * it has not listed or list one twice.
 *
 * @module
 */

const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff

/**
 * Compares two keys in S3's listing order (UTF-8 byte order, which equals code point order):
 * negative when `a` sorts first, positive when `b` does, 0 when equal.
 *
 * @category ordering
 */
export const compareS3Keys = (a: string, b: string): number => {
  const shorter = Math.min(a.length, b.length)
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // A surrogate starts a code point above U+FFFF, which sorts after any single unit; two
    // surrogates (or two single units) compare like their code points.
    const xs = isSurrogate(x)
    if (xs !== isSurrogate(y)) return xs ? 1 : -1
    return x - y
  }
  return a.length - b.length
}
