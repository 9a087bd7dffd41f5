/**
 * The content of a lock file: one JSON object naming the process that holds the lock
 * (`pid`, `host`, and on Linux its `start` time and the `boot` id), when it took it
 * (`since`), and a random `nonce` that tells this lock from any later one. Locks written by
 * earlier versions (`pid`, `host`, `since` only) still read.
 *
 * @module
 */
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
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { problem: "it is not JSON" }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { problem: "it is not a JSON object" }
  const { boot, host, nonce, pid, since, start } = parsed as Record<string, unknown>
  if (typeof pid !== "number" || !Number.isSafeInteger(pid) || pid <= 0) return { problem: `its "pid" is not a process id` }
  if (typeof host !== "string" || host === "") return { problem: `its "host" is missing` }
  const optional = (value: unknown) => (typeof value === "string" && value !== "" ? value : null)
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
