/**
 * Line and column arithmetic for error messages. Columns count Unicode code points, so an
 * accented letter or an emoji is one column, as an editor shows it.
 *
 * @internal
 * @module
 */

/** A 1-based line and column. */
export interface TextPosition {
  readonly line: number
  readonly column: number
}

/** The number of `\n` in `text`. */
export const countNewlines = (text: string): number => {
  let count = 0
  let index = text.indexOf("\n")
  while (index !== -1) {
    count++
    index = text.indexOf("\n", index + 1)
  }
  return count
}

/** The number of code points in `text.slice(start, end)`: a surrogate pair counts once. */
export const countCodePoints = (text: string, start: number, end: number): number => {
  let count = 0
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index)
    const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff
    const followsHighSurrogate = index > start && isHighSurrogate(text.charCodeAt(index - 1))
    if (!(isLowSurrogate && followsHighSurrogate)) count++
  }
  return count
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff

/**
 * The position of `text[index]`, given that `text[0]` is at column 1 of `firstLine` (records
 * always start at the start of a line).
 */
export const positionIn = (text: string, index: number, firstLine: number): TextPosition => {
  let line = firstLine
  let lineStart = 0
  let newline = text.indexOf("\n")
  while (newline !== -1 && newline < index) {
    line++
    lineStart = newline + 1
    newline = text.indexOf("\n", lineStart)
  }
  return { line, column: 1 + countCodePoints(text, lineStart, index) }
}

/**
 * A value as error messages show it: in double quotes, with control characters escaped, and
 * cut short when long so that one bad cell cannot flood a terminal.
 */
export const quoteValue = (value: string): string =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}…` : value)
