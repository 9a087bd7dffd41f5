/**
 * Keys in CSV inventory files are form-URL-encoded: a space is `+`, a literal `+` is `%2B`,
 * and other bytes are percent-encoded UTF-8. Decoding `+` after percent-decoding would turn an
 * encoded plus into a space (the cloud-custodian issue 1997 bug), so `+` goes first.
 *
 * @module
 */

/**
 * Decodes one form-encoded key, or returns `undefined` when it is not valid form encoding
 * (a `%` not followed by two hex digits, or bytes that are not UTF-8).
 *
 * @category decoding
 */
export const decodeFormKey = (encoded: string): string | undefined => {
  const hasPlus = encoded.includes("+")
  if (!hasPlus && !encoded.includes("%")) return encoded
  const spaced = hasPlus ? encoded.replaceAll("+", " ") : encoded
  try {
    return decodeURIComponent(spaced)
  } catch {
    return undefined
  }
}
