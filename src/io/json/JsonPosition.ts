/**
 * Where things are in a JSON text, for messages that name a line and column: the spot a
 * `JSON.parse` error points at, and the value at a path (`changes.ledger[3].after.uuid`) of a
 * text that parsed but holds a wrong value. Plan files are pretty-printed, so the line is
 * where a person finds the value.
 *
 * @module
 */

/**
 * A 1-based line and column (the column counts UTF-16 units, which is what editors show for
 * the ASCII that JSON structure is made of).
 *
 * @category models
 */
export interface JsonPosition {
  readonly line: number
  readonly column: number
}

/**
 * The line and column of an offset in a text.
 *
 * @category positions
 */
export const positionAt = (text: string, offset: number): JsonPosition => {
  const end = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) {
    line++
    lineStart = index + 1
  }
  return { line, column: end - lineStart + 1 }
}

/**
 * The first place a text stops being JSON, and what was expected there.
 *
 * @category models
 */
interface JsonSyntaxError {
  readonly offset: number
  readonly expected: string
}

/**
 * Finds the first syntax error of a text that `JSON.parse` refused (V8 does not always say
 * where): an offset at the text's end means the text is cut short.
 *
 * @category positions
 */
export const findJsonSyntaxError = (text: string): JsonSyntaxError | undefined => {
  let at = 0
  const fail = (expected: string): JsonSyntaxError => ({ offset: at, expected })
  const space = () => {
    at = skipSpace(text, at)
  }
  // Each returns an error, or undefined having moved `at` past what it read.
  const value = (): JsonSyntaxError | undefined => {
    space()
    const char = text[at]
    if (char === "{") return members("}", true)
    if (char === "[") return members("]", false)
    if (char === '"') return string()
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(text.slice(at, at + 400))
    if (literal === null) return fail("a value")
    at += literal[0].length
    return undefined
  }
  const string = (): JsonSyntaxError | undefined => {
    at++
    for (;;) {
      if (at >= text.length) return fail("the end of a string")
      const char = text[at]!
      if (char === '"') break
      if (char < " ") return fail("a character allowed in a string")
      if (char === "\\") {
        if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(at + 1, at + 6))) {
          at++
          return fail("an escape sequence")
        }
        at += text[at + 1] === "u" ? 6 : 2
        continue
      }
      at++
    }
    at++
    return undefined
  }
  const members = (close: string, keyed: boolean): JsonSyntaxError | undefined => {
    at++
    space()
    if (text[at] === close) {
      at++
      return undefined
    }
    for (;;) {
      if (keyed) {
        space()
        if (text[at] !== '"') return fail("a quoted key")
        const key = string()
        if (key !== undefined) return key
        space()
        if (text[at] !== ":") return fail(`":"`)
        at++
      }
      const item = value()
      if (item !== undefined) return item
      space()
      if (text[at] === ",") {
        at++
        continue
      }
      if (text[at] === close) {
        at++
        return undefined
      }
      return fail(`"," or "${close}"`)
    }
  }
  const error = value()
  if (error !== undefined) return error
  space()
  return at < text.length ? fail("the end of the text") : undefined
}

const skipSpace = (text: string, index: number): number => {
  let at = index
  while (at < text.length && (text[at] === " " || text[at] === "\n" || text[at] === "\r" || text[at] === "\t")) at++
  return at
}

// The index just after the string that starts at `index` (its opening quote).
const skipString = (text: string, index: number): number => {
  let at = index + 1
  while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1
  return at + 1
}

// The index just after the value that starts at `index`.
const skipValue = (text: string, index: number): number => {
  const first = text[index]
  if (first === '"') return skipString(text, index)
  if (first !== "{" && first !== "[") {
    let at = index
    while (at < text.length && !",}] \n\r\t".includes(text[at]!)) at++
    return at
  }
  let depth = 0
  let at = index
  while (at < text.length) {
    const char = text[at]!
    if (char === '"') {
      at = skipString(text, at)
      continue
    }
    if (char === "{" || char === "[") depth++
    else if (char === "}" || char === "]") depth--
    at++
    if (depth === 0) return at
  }
  return at
}

// The offset of member `step` of the object or array at `index`, or undefined.
const memberOffset = (text: string, index: number, step: PropertyKey): number | undefined => {
  const open = text[index]
  if (open === "[" && typeof step === "number") {
    let at = skipSpace(text, index + 1)
    for (let element = 0; at < text.length && text[at] !== "]"; element++) {
      if (element === step) return at
      at = skipSpace(text, skipValue(text, at))
      if (text[at] === ",") at = skipSpace(text, at + 1)
    }
    return undefined
  }
  if (open !== "{") return undefined
  let at = skipSpace(text, index + 1)
  while (at < text.length && text[at] === '"') {
    const keyEnd = skipString(text, at)
    const key = JSON.parse(text.slice(at, keyEnd)) as string
    const value = skipSpace(text, skipSpace(text, keyEnd) + 1)
    if (key === String(step)) return value
    at = skipSpace(text, skipValue(text, value))
    if (text[at] === ",") at = skipSpace(text, at + 1)
  }
  return undefined
}

/**
 * The offset of the value at `path` in a valid JSON text; where the path leaves the text (a
 * missing key), the offset of the deepest value it reaches.
 *
 * @category positions
 */
export const offsetOfPath = (text: string, path: ReadonlyArray<PropertyKey>): number => {
  let at = skipSpace(text, 0)
  for (const step of path) {
    const member = memberOffset(text, at, step)
    if (member === undefined) return at
    at = member
  }
  return at
}

/**
 * A path as people read it: `changes.ledger[3].after.uuid`.
 *
 * @category formatting
 */
export const formatJsonPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((step, index) => (typeof step === "number" ? `[${step}]` : index === 0 ? String(step) : `.${String(step)}`)).join("")
