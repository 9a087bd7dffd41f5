/**
 * Where the clients CSV or the ledger lives, which decides how a run writes it: a file is
 * committed together with the other file of the pair through the crash-safe commit
 * (`FileCommit.ts`); bytes held in memory are replaced in the same step once that commit has
 * succeeded. A run therefore writes both files or neither, whatever mix of backings it has.
 *
 * @module
 */
import type * as Effect from "effect/Effect"

/**
 * How a clients CSV or a ledger is stored, and so how a run writes it.
 * - `File`: a file on disk at `path`. A run takes the lock on it, finishes or undoes a commit a
 *   killed run left, and replaces it in one commit with the other file (backups, temp files,
 *   a commit record, renames).
 * - `Memory`: bytes held in the process; `replace` swaps them and cannot fail, so a run calls it
 *   only after every file of the commit is in place, and the pair still changes all at once.
 *
 * @example The backing of an in-memory clients CSV
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { ClientsCsv, type StateBacking } from "uuidmap"
 *
 * const backing: StateBacking = await Effect.runPromise(
 *   Effect.map(Effect.service(ClientsCsv), (clients) => clients.backing).pipe(Effect.provide(ClientsCsv.layerMemory("row_id\n502\n")))
 * )
 * assert.equal(backing._tag, "Memory")
 * ```
 * @category models
 */
export type StateBacking =
  | { readonly _tag: "File"; readonly path: string }
  | { readonly _tag: "Memory"; readonly replace: (bytes: Uint8Array) => Effect.Effect<void> }

/**
 * The path of a file backing; undefined for memory.
 *
 * @category accessors
 */
export const backingPath = (backing: StateBacking): string | undefined => backing._tag === "File" ? backing.path : undefined
