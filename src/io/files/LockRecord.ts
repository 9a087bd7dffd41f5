/**
 * The content of a lock file: one JSON object naming the process that holds the lock
 * (`pid`, `host`, and on Linux its `start` time and the `boot` id), when it took it
 * (`since`), and a random `nonce` that tells this lock from any later one. Locks written by
 * earlier versions (`pid`, `host`, `since` only) still read.
 *
 * @module
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { ProcessIdentity } from "./ProcessIdentity.ts"

/**
 * A decoded lock.
 *
 * @category models
 */
export interface LockRecord extends ProcessIdentity {
  readonly since: string
  readonly nonce: string | null
}

/**
 * The bytes of a lock file.
 *
 * @category encoding
 */
export const encodeLockRecord = (record: LockRecord): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({ tool: "uuidmap", ...record }) + "\n")

const JsonText = Schema.fromJsonString(Schema.Unknown)
const JsonObject = Schema.Record(Schema.String, Schema.Unknown)
const ProcessId = Schema.Int.check(Schema.isGreaterThan(0))

const optional = (value: unknown) => (typeof value === "string" && value !== "" ? value : null)

/**
 * Reads a lock file's bytes; returns what is wrong with them when they are not a lock.
 *
 * @category decoding
 */
export const decodeLockRecord = (
  bytes: Uint8Array
): { readonly record: LockRecord } | { readonly problem: string } => {
  const text = new TextDecoder().decode(bytes)
  if (text.trim() === "") return { problem: "it is empty" }
  const parsed = Schema.decodeUnknownResult(JsonText)(text)
  if (Result.isFailure(parsed)) return { problem: "it is not JSON" }
  const json = parsed.success
  if (!Schema.is(JsonObject)(json)) return { problem: "it is not a JSON object" }
  // Earlier versions wrote fewer fields: only `pid` and `host` must be there, the rest is lenient.
  const { boot, host, nonce, pid, since, start } = json
  if (!Schema.is(ProcessId)(pid)) return { problem: `its "pid" is not a process id` }
  if (!Schema.is(Schema.NonEmptyString)(host)) return { problem: `its "host" is missing` }
  return {
    record: {
      pid,
      host,
      start: optional(start),
      boot: optional(boot),
      since: typeof since === "string" ? since : "an unknown time",
      nonce: optional(nonce)
    }
  }
}
