import * as Effect from "effect/Effect"
import fc from "fast-check"
import { stringify, validate, version } from "uuid"
import { describe, expect, it } from "vitest"
import { formatUuids, randomV4Uuids } from "../../../src/io/uuid/FlatUuids.ts"
import { UuidGenerator } from "../../../src/io/uuid/UuidGenerator.ts"

const draw = (layer: typeof UuidGenerator.layerV4, count: number) =>
  Effect.runSync(Effect.provide(Effect.flatMap(Effect.service(UuidGenerator), (generator) => generator.draw(count)), layer))

describe("formatUuids", () => {
  it("writes each 16 bytes as the uuid package writes them", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 16 * 20 }), (bytes) => {
        const whole = bytes.subarray(0, bytes.length - (bytes.length % 16))
        const expected = Array.from({ length: whole.length / 16 }, (_, i) => stringify(whole, i * 16))
        expect(formatUuids(bytes)).toEqual(expected)
      })
    )
  })
})

describe("random UUIDs", () => {
  it("gives valid version-4 UUIDs, all different, across the 65,536-byte random chunks", () => {
    const uuids = randomV4Uuids(10_000)
    expect(uuids).toHaveLength(10_000)
    expect(new Set(uuids).size).toBe(10_000)
    expect(uuids.every((uuid) => validate(uuid) && version(uuid) === 4 && /^[0-9a-f-]{36}$/.test(uuid))).toBe(true)
    // Variant bits: the first hex digit of the fourth group is 8, 9, a or b.
    expect(new Set(uuids.map((uuid) => uuid[19]))).toEqual(new Set(["8", "9", "a", "b"]))
  })

  it("layerV4 and layerV7 draw the count asked for, of their version; version 7 increases", () => {
    const v4 = draw(UuidGenerator.layerV4, 300)
    const v7 = draw(UuidGenerator.layerV7, 300)
    expect(v4.every((uuid) => version(uuid) === 4)).toBe(true)
    expect(v7.every((uuid) => validate(uuid) && version(uuid) === 7)).toBe(true)
    expect(new Set(v7).size).toBe(300)
    expect([...v7].sort()).toEqual(v7)
    expect(draw(UuidGenerator.layerV4, 0)).toEqual([])
  })
})
