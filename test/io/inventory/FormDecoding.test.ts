import { describe, expect, it } from "vitest"
import { decodeFormKey } from "../../../src/io/inventory/FormDecoding.ts"

describe("decodeFormKey", () => {
  it("turns + into a space", () => {
    expect(decodeFormKey("502/Sam+Torode/resume.pdf")).toBe("502/Sam Torode/resume.pdf")
  })

  it("keeps an encoded plus a plus (cloud-custodian issue 1997)", () => {
    expect(decodeFormKey("files/a%2Bb.pdf")).toBe("files/a+b.pdf")
    expect(decodeFormKey("a%2B+b")).toBe("a+ b")
  })

  it("decodes an encoded space, slash and unicode", () => {
    expect(decodeFormKey("a%20b%2Fc")).toBe("a b/c")
    expect(decodeFormKey("r%C3%A9sum%C3%A9+%E6%97%A5.pdf")).toBe("résumé 日.pdf")
    expect(decodeFormKey("%F0%9F%98%80")).toBe("😀")
  })

  it("returns a key with neither + nor % as it is", () => {
    expect(decodeFormKey("502/x.pdf")).toBe("502/x.pdf")
  })

  it("refuses a % not followed by two hex digits, and bytes that are not UTF-8", () => {
    expect(decodeFormKey("bad%zz")).toBeUndefined()
    expect(decodeFormKey("bad%")).toBeUndefined()
    expect(decodeFormKey("%C3")).toBeUndefined()
  })
})
