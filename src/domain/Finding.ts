/**
 * Findings: objects and facts uuidmap reports but never guesses about.
 *
 * @module
 */
import * as Schema from "effect/Schema"

const findingKinds = [
  "stray",
  "unknown-client-folder",
  "non-uuid-pool-name",
  "duplicate-uuid",
  "unknown-row-id",
  "unreadable"
] as const

/**
 * What kind of thing was found:
 * - `stray`: a key outside every client folder and the pool;
 * - `unknown-client-folder`: a key whose folder names a row id that is not in the CSV;
 * - `non-uuid-pool-name`: a pool object whose name is not a UUID;
 * - `duplicate-uuid`: two pool objects carry the same UUID (the first by key is kept);
 * - `unknown-row-id`: evidence names a row id that is not in the CSV;
 * - `unreadable`: a file or folder of a local bucket that could not be read (deleted during the
 *   walk, no permission, a name that is not UTF-8, a link not followed) and that uuidmap
 *   would not have mapped anyway.
 *
 * @example Every kind
 * ```ts
 * import assert from "node:assert/strict"
 * import { FindingKind } from "uuidmap"
 *
 * assert.deepStrictEqual(FindingKind.literals, [
 *   "stray", "unknown-client-folder", "non-uuid-pool-name", "duplicate-uuid", "unknown-row-id", "unreadable"
 * ])
 * ```
 * @category models
 */
export const FindingKind: Schema.Literals<
  readonly ["stray", "unknown-client-folder", "non-uuid-pool-name", "duplicate-uuid", "unknown-row-id", "unreadable"]
> = Schema.Literals(findingKinds)

/**
 * A finding's kind as a value, one of `FindingKind.literals`.
 *
 * @category models
 */
export type FindingKind = typeof FindingKind.Type

/**
 * One finding: its kind, the key (or evidence location) it is about and a one-line detail.
 *
 * @example A stray key, as a run reports it
 * ```ts
 * import assert from "node:assert/strict"
 * import { runPipelinePromise } from "uuidmap"
 *
 * const result = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "misc/readme.txt", size: 12, etag: "\"d41d8cd98f00b204e9800998ecf8427e\"", lastModified: "2024-05-03T08:00:00.000Z" }]
 * })
 * assert.deepStrictEqual(result.state.findings.map(({ kind, subject }) => ({ kind, subject })), [{ kind: "stray", subject: "misc/readme.txt" }])
 * ```
 * @category models
 */
export const Finding: Schema.Struct<{
  readonly kind: typeof FindingKind
  readonly subject: Schema.String
  readonly detail: Schema.String
}> = Schema.Struct({
  kind: FindingKind,
  subject: Schema.String,
  detail: Schema.String
})

/**
 * A finding as a value.
 *
 * @category models
 */
export interface Finding extends Schema.Schema.Type<typeof Finding> {}
