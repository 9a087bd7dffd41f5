/**
 * The source of new UUIDs. The pure core never draws one itself: the program asks this
 * service for as many as phase 1 needs, and tests replace it with a deterministic one.
 *
 * @module
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { v7 } from "uuid"
import type { FileUuid } from "../../domain/FileUuid.ts"
import { formatUuids, randomV4Uuids } from "./FlatUuids.ts"

/**
 * What the `UuidGenerator` service does: `draw(count)` gives `count` new UUIDs, none of them
 * given before.
 *
 * @example Drawing from a hand-made generator
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import type { FileUuid, UuidGeneratorShape } from "uuidmap"
 *
 * let next = 0
 * const counting: UuidGeneratorShape = {
 *   draw: (count) => Effect.sync(() => Array.from({ length: count }, () => `00000000-0000-4000-8000-${String(++next).padStart(12, "0")}` as FileUuid))
 * }
 * assert.deepStrictEqual(Effect.runSync(counting.draw(1)), ["00000000-0000-4000-8000-000000000001"])
 * ```
 * @category services
 */
export interface UuidGeneratorShape {
  /** `count` new UUIDs. */
  readonly draw: (count: number) => Effect.Effect<ReadonlyArray<FileUuid>>
}

/**
 * The `Context.Service` class `UuidGenerator` extends. It is exported only because JSR and
 * `deno doc` need the base of a public class to have a name; use `UuidGenerator`.
 *
 * @ignore
 */
export const UuidGeneratorBase: Context.ServiceClass<UuidGenerator, "uuidmap/UuidGenerator", UuidGeneratorShape> = Context.Service<
  UuidGenerator,
  UuidGeneratorShape
>()("uuidmap/UuidGenerator")

/**
 * Draws `count` new UUIDs.
 *
 * @example Random, or reproducible
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { isFileUuid, UuidGenerator } from "uuidmap"
 *
 * const drawThree = Effect.flatMap(Effect.service(UuidGenerator), (generator) => generator.draw(3))
 * const random = await Effect.runPromise(Effect.provide(drawThree, UuidGenerator.layerV4))
 * assert.equal(new Set(random).size, 3)
 * assert.ok(random.every(isFileUuid))
 * const seeded = await Effect.runPromise(Effect.provide(drawThree, UuidGenerator.layerTest(7)))
 * assert.deepStrictEqual(seeded, await Effect.runPromise(Effect.provide(drawThree, UuidGenerator.layerTest(7))))
 * ```
 * @category services
 */
export class UuidGenerator extends UuidGeneratorBase {
  /** Random version-4 UUIDs (the default). */
  static readonly layerV4: Layer.Layer<UuidGenerator> = Layer.succeed(UuidGenerator, {
    draw: (count) => Effect.sync(() => randomV4Uuids(count))
  })

  /** Time-ordered version-7 UUIDs (`--uuid-version 7`). */
  static readonly layerV7: Layer.Layer<UuidGenerator> = Layer.succeed(UuidGenerator, {
    draw: (count) =>
      Effect.sync(() => {
        // The uuid package keeps them increasing within a millisecond; the text is made flat here.
        const bytes = new Uint8Array(count * 16)
        for (let i = 0; i < count; i++) v7(undefined, bytes, i * 16)
        return formatUuids(bytes)
      })
  })

  /**
   * Deterministic UUIDs for tests and the demo: `seed` picks the sequence, and a fresh
   * counter makes each draw differ from the last.
   */
  static readonly layerTest = (seed = 0): Layer.Layer<UuidGenerator> =>
    Layer.sync(UuidGenerator, () => {
      let counter = 0
      return {
        draw: (count) => Effect.sync(() => Array.from({ length: count }, () => deterministicUuid(seed, counter++)))
      }
    })
}

/**
 * A valid version-4-shaped UUID derived from two numbers, without randomness.
 *
 * @example A sequence without randomness
 * ```ts
 * import assert from "node:assert/strict"
 * import { deterministicUuid } from "./UuidGenerator.ts"
 *
 * assert.equal(deterministicUuid(0, 1), "00000000-0000-4000-8000-000000000001")
 * ```
 * @category constructors
 */
export const deterministicUuid = (seed: number, index: number): FileUuid => {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, "0").slice(-width)
  return `${hex(seed, 8)}-0000-4000-8000-${hex(index, 12)}` as FileUuid
}
