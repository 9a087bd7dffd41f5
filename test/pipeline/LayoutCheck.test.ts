import { describe, expect, it } from "vitest"
import { poolOverlap } from "../../src/pipeline/LayoutCheck.ts"

describe("poolOverlap", () => {
  it.each([
    ["files/", undefined],
    ["", undefined],
    ["502/", 0],
    ["503/scans/", 1],
    ["5/", undefined],
    ["5020/", undefined]
  ] as const)("pool prefix %j against clients 502, 503: %j", (poolPrefix, expected) => {
    expect(poolOverlap(["502", "503"], { poolPrefix })).toBe(expected)
  })

  it("finds a client whose row id is the pool folder's name", () => {
    expect(poolOverlap(["502", "files"], { poolPrefix: "files/" })).toBe(1)
  })
})
