/**
 * Escaping for the XML and HTML uuidmap writes (JUnit, the HTML report). Object keys and
 * evidence come from users' buckets and files, so every text and attribute is escaped, and
 * characters XML 1.0 forbids (control characters, lone surrogates) become U+FFFD so that the
 * output always parses.
 *
 * @module
 */

// Every character XML 1.0 does not allow, lone surrogates included.
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const entities: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/**
 * Escapes text for an XML or HTML text node or a quoted attribute value.
 *
 * @category escaping
 */
export const escapeMarkup = (text: string): string =>
  text.replace(forbidden, "\uFFFD").replace(/[&<>"']/g, (char) => entities[char]!)
