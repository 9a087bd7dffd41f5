import { describe, expect, it } from "vitest"
import { formatJsonPath, offsetOfPath, parseErrorOffset, positionAt } from "../../../src/io/json/JsonPosition.ts"

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

  it("gives lines and columns, and reads V8's parse error offsets", () => {
    expect(positionAt("ab\ncd", 4)).toEqual({ line: 2, column: 2 })
    expect(positionAt("ab", 99)).toEqual({ line: 1, column: 3 })
    expect(parseErrorOffset("{\"a\": x}", "Unexpected token 'x', \"{\"a\": x}\" is not valid JSON at position 6")).toBe(6)
    expect(parseErrorOffset("{\"a\":", "Unexpected end of JSON input")).toBe(5)
    expect(formatJsonPath(["changes", "ledger", 3, "after"])).toBe("changes.ledger[3].after")
  })
})
