/**
 * The cell an in-memory clients CSV or ledger keeps its bytes in: a copy is taken on the way
 * in and on the way out, so neither the caller nor a run can change the other's bytes.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"

/**
 * The bytes of `content` (text is encoded as UTF-8), copied.
 *
 * @category constructors
 */
export const bytesOf = (content: string | Uint8Array): Uint8Array =>
  typeof content === "string" ? new TextEncoder().encode(content) : content.slice()

/**
 * A cell of bytes, or of nothing (a ledger not written yet), with a copying read and replace.
 *
 * @category constructors
 */
export const makeMemoryBytes = (content: string | Uint8Array | undefined) =>
  Effect.map(Ref.make(content === undefined ? undefined : bytesOf(content)), (cell) => ({
    read: Effect.map(Ref.get(cell), (bytes) => bytes?.slice()),
    replace: (bytes: Uint8Array) => Ref.set(cell, bytes.slice())
  }))
