/**
 * Decodes the keys of a listing asked for with `EncodingType=url`.
 *
 * Why the listing asks for it: a key may hold characters XML 1.0 cannot carry (control
 * characters); url-encoded they arrive intact. Servers disagree on spaces: AWS writes `+`
 * (and `%2B` for a real plus, which botocore decodes with `unquote_plus`), moto writes `%20`.
 * Reading `+` as a space first, then percent-decoding, is right for both. A server that
 * ignores the parameter (s3rver) does not echo `EncodingType`, and its keys are left alone.
 *
 * @module
 */

/**
 * Decodes one url-encoded key, or returns undefined when it is not valid percent-encoding.
 *
 * @category decoding
 */
export const decodeS3UrlKey = (encoded: string): string | undefined => {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, " "))
  } catch {
    return undefined
  }
}
