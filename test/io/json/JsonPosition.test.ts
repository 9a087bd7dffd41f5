import { describe, expect, it } from "vitest"
import { findJsonSyntaxError, formatJsonPath, offsetOfPath, positionAt } from "../../../src/io/json/JsonPosition.ts"

describe("JSON positions", () => {
  const text = JSON.stringify({ a: [1, { b: "x\"]}", c: null }], "d e": { f: [[], {}] } }, null, 2)

  it("finds the value at a path, past strings that hold brackets and escaped quotes", () => {
    expect(text.slice(offsetOfPath(text, ["a", 1, "c"])).startsWith("null")).toBe(true)
    expect(text.slice(offsetOfPath(text, ["d e", "f", 1])).startsWith("{}")).toBe(true)
    expect(offsetOfPath(text, [])).toBe(0)
  })

  it("stops at the deepest value a path reaches when a key or an element is missing", () => {
    expect(offsetOfPath(text, ["a", 1, "nope"])).toBe(offsetOfPath(text, ["a", 1]))
    expect(offsetOfPath(text, ["a", 9])).toBe(offsetOfPath(text, ["a"]))
  })

  it("gives lines and columns", () => {
    expect(positionAt("ab\ncd", 4)).toEqual({ line: 2, column: 2 })
    expect(positionAt("ab", 99)).toEqual({ line: 1, column: 3 })
    expect(formatJsonPath(["changes", "ledger", 3, "after"])).toBe("changes.ledger[3].after")
  })

  it("finds where a text stops being JSON, and what was expected there", () => {
    const cases: ReadonlyArray<readonly [string, number, string]> = [
      ["{\"a\": x}", 6, "a value"],
      ["{\"a\":", 5, "a value"],
      ["This is not a plan.", 0, "a value"],
      ["", 0, "a value"],
      ["{\"a\": 1 \"b\": 2}", 8, "\",\" or \"}\""],
      ["[1, 2,]", 6, "a value"],
      ["{a: 1}", 1, "a quoted key"],
      ["{\"a\" 1}", 5, "\":\""],
      ["\"tab\there\"", 4, "a character allowed in a string"],
      ["\"\\q\"", 2, "an escape sequence"],
      ["{\"open", 6, "the end of a string"],
      ["{} {}", 3, "the end of the text"],
      ["01", 1, "the end of the text"]
    ]
    for (const [text, offset, expected] of cases) {
      expect(() => JSON.parse(text)).toThrow()
      expect([text, findJsonSyntaxError(text)]).toEqual([text, { offset, expected }])
    }
    for (const valid of ["{}", "[]", " {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\"]} ", "0"]) {
      expect(JSON.parse(valid)).toBeDefined()
      expect(findJsonSyntaxError(valid)).toBeUndefined()
    }
  })
})
