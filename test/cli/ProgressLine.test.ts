import { describe, expect, it } from "vitest"
import { formatProgress, makeProgressLine } from "../../src/cli/render/ProgressLine.ts"

describe("the listing progress line", () => {
  it("shows objects, rate and prefixes done", () => {
    expect(formatProgress({ objects: 12000, prefixesDone: 3, prefixesTotal: 8, elapsedMs: 2000 })).toBe(
      "Listing: 12,000 objects (6,000/s), prefixes 3/8"
    )
  })

  it("leaves out prefixes before any are known, and a rate before time has passed", () => {
    expect(formatProgress({ objects: 5, prefixesDone: 0, prefixesTotal: 0, elapsedMs: 0 })).toBe("Listing: 5 objects (0/s)")
  })

  it("is never drawn with --quiet, nor when stderr is not a terminal (as in CI and in tests)", () => {
    expect(makeProgressLine(true)).toBeUndefined()
    expect(process.stderr.isTTY).not.toBe(true)
    expect(makeProgressLine(false)).toBeUndefined()
  })
})
