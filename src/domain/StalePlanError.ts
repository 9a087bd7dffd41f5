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
 * @example
 * ```ts
 * import type { StaleReason } from "./StalePlanError.ts"
 * const reason: StaleReason = "ClientsChanged"
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
 * @example
 * ```ts
 * import type { StaleCause } from "./StalePlanError.ts"
 * const cause: StaleCause = { reason: "ObjectGone", subject: "502/a.pdf", detail: "object \"502/a.pdf\" is gone from the bucket" }
 * ```
 * @category models
 */
export interface StaleCause {
  readonly reason: StaleReason
  readonly subject: string
  readonly detail: string
}

/**
 * The plan `plan` cannot be applied because of `causes` (never empty). Nothing was written.
 *
 * @example
 * ```ts
 * import { formatStalePlanError, StalePlanError } from "./StalePlanError.ts"
 * const error = new StalePlanError({
 *   plan: "plan.json",
 *   causes: [{ reason: "ClientsChanged", subject: "clients.csv", detail: "clients.csv changed since the plan was made" }]
 * })
 * formatStalePlanError(error)
 * // "Plan plan.json is stale, nothing was written: clients.csv changed since the plan was made. Make a new plan."
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
 * @example
 * ```ts
 * import { formatStalePlanError, StalePlanError } from "./StalePlanError.ts"
 * formatStalePlanError(new StalePlanError({ plan: "p.json", causes: [{ reason: "LedgerChanged", subject: "l.csv", detail: "l.csv changed" }] }))
 * // "Plan p.json is stale, nothing was written: l.csv changed. Make a new plan."
 * ```
 * @category formatting
 */
export const formatStalePlanError = (error: StalePlanError): string => {
  const shown = error.causes.slice(0, 10).map((cause) => cause.detail)
  const more = error.causes.length - shown.length
  const list = more > 0 ? [...shown, `and ${more} more`] : shown
  return `Plan ${error.plan} is stale, nothing was written: ${list.join("; ")}. Make a new plan.`
}
