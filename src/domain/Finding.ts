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
 * @example
 * ```ts
 * import type { FindingKind } from "./Finding.ts"
 * const kind: FindingKind = "stray"
 * ```
 * @category models
 */
export const FindingKind: Schema.Literals<
  readonly ["stray", "unknown-client-folder", "non-uuid-pool-name", "duplicate-uuid", "unknown-row-id", "unreadable"]
> = Schema.Literals(findingKinds)

/** @category models */
export type FindingKind = typeof FindingKind.Type

/**
 * One finding: its kind, the key (or evidence location) it is about and a one-line detail.
 *
 * @example
 * ```ts
 * import type { Finding } from "./Finding.ts"
 * const finding: Finding = { kind: "stray", subject: "misc/readme.txt", detail: "outside every client folder and the pool" }
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

/** @category models */
export interface Finding extends Schema.Schema.Type<typeof Finding> {}
