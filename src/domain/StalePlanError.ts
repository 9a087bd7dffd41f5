/**
 * The error for a plan that no longer fits its inputs (SPEC §3: `apply` refuses with exit 3).
 * A plan is only safe to apply to the very files and objects it was computed from; every
 * difference is one `StaleCause`, so the user learns everything that changed at once.
 *
 * @module
 */
import * as Data from "effect/Data"

/**
 * What no longer matches the plan.
 * - `ClientsChanged`: the clients CSV's bytes differ (edited by hand, another run);
 * - `LedgerChanged`: the ledger's bytes differ, or it appeared or disappeared;
 * - `EvidenceChanged`: a migration log or records file differs, appeared or disappeared;
 * - `ObjectChanged`: a touched object has another size or ETag;
 * - `ObjectGone`: a touched object is no longer in the bucket;
 * - `ObjectAppeared`: an object the plan saw as absent is now in the bucket;
 * - `SettingsChanged`: a flag that shapes the result (bucket, columns, pool prefix, encoding,
 *   delimiter) differs from the one the plan was made with.
 *
 * @example What apply checks
 * ```ts
 * import assert from "node:assert/strict"
 * import type { StaleReason } from "uuidmap"
 *
 * const inputs: ReadonlyArray<StaleReason> = ["ClientsChanged", "LedgerChanged", "EvidenceChanged"]
 * assert.equal(inputs.includes("ClientsChanged"), true)
 * ```
 * @category models
 */
export type StaleReason =
  | "ClientsChanged"
  | "LedgerChanged"
  | "EvidenceChanged"
  | "ObjectChanged"
  | "ObjectGone"
  | "ObjectAppeared"
  | "SettingsChanged"

/**
 * One difference: its reason, what it is about (a file, a key, a flag) and a one-line detail.
 *
 * @example One cause per difference
 * ```ts
 * import assert from "node:assert/strict"
 * import { type StaleCause, StalePlanError } from "uuidmap"
 *
 * const gone: StaleCause = { reason: "ObjectGone", subject: "502/a.pdf", detail: "object \"502/a.pdf\" is gone from the bucket" }
 * const error = new StalePlanError({ plan: "plan.json", causes: [gone] })
 * assert.deepStrictEqual(error.causes.map((cause) => cause.subject), ["502/a.pdf"])
 * ```
 * @category models
 */
export interface StaleCause {
  /** What kind of difference it is. */
  readonly reason: StaleReason
  /** The file, key or flag it is about. */
  readonly subject: string
  /** One line for people. */
  readonly detail: string
}

/**
 * The plan `plan` cannot be applied because of `causes` (never empty). Nothing was written.
 *
 * @example Recovering by tag
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { formatStalePlanError, StalePlanError } from "uuidmap"
 *
 * const stale = new StalePlanError({
 *   plan: "plan.json",
 *   causes: [{ reason: "ClientsChanged", subject: "clients.csv", detail: "clients.csv changed since the plan was made" }]
 * })
 * const message = Effect.runSync(Effect.fail(stale).pipe(Effect.catchTag("StalePlanError", (error) => Effect.succeed(formatStalePlanError(error)))))
 * assert.equal(message, "Plan plan.json is stale, nothing was written: clients.csv changed since the plan was made. Make a new plan.")
 * ```
 * @category errors
 */
export class StalePlanError extends Data.Error<{
  readonly plan: string
  readonly causes: ReadonlyArray<StaleCause>
}> {
  /** The tag `Effect.catchTag` matches. */
  readonly _tag: "StalePlanError" = "StalePlanError"

  static {
    // What `Data.TaggedError` does too: stack traces and `String(error)` show the tag.
    this.prototype.name = "StalePlanError"
  }
}

/**
 * One line for the user: every cause, then what to do. Long lists are cut after ten causes.
 *
 * @example Ten causes at most
 * ```ts
 * import assert from "node:assert/strict"
 * import { formatStalePlanError, StalePlanError } from "uuidmap"
 *
 * const causes = Array.from({ length: 12 }, (_, i) => ({ reason: "ObjectGone" as const, subject: `${i}.pdf`, detail: `${i}.pdf is gone` }))
 * const message = formatStalePlanError(new StalePlanError({ plan: "p.json", causes }))
 * assert.match(message, /9\.pdf is gone; and 2 more\. Make a new plan\.$/)
 * ```
 * @category formatting
 */
export const formatStalePlanError = (error: StalePlanError): string => {
  const shown = error.causes.slice(0, 10).map((cause) => cause.detail)
  const more = error.causes.length - shown.length
  const list = more > 0 ? [...shown, `and ${more} more`] : shown
  return `Plan ${error.plan} is stale, nothing was written: ${list.join("; ")}. Make a new plan.`
}
