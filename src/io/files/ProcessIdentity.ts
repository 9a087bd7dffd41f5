/**
 * Who a process is, robustly enough to tell a lock's owner from a later process that got the
 * same pid. On Linux a process is its pid plus its start time (field 22 of `/proc/<pid>/stat`,
 * clock ticks since boot) plus the boot id (`/proc/sys/kernel/random/boot_id`): a pid reused
 * after the owner died has another start time, and one reused after a reboot another boot id.
 * Where there is no `/proc` (macOS, Windows) only the pid and host are known, so a live
 * process that reuses a dead owner's pid keeps the lock held until someone deletes it.
 *
 * @module
 */
import * as os from "node:os"
import * as Effect from "effect/Effect"
import { Disk } from "./Disk.ts"
import { errorCode } from "./ErrorCode.ts"

/**
 * A process as a lock records it. `start` and `boot` are `null` where the platform has no
 * `/proc`.
 *
 * @category models
 */
export interface ProcessIdentity {
  readonly pid: number
  readonly host: string
  readonly start: string | null
  readonly boot: string | null
}

/**
 * Whether the process a lock names still runs: `running`, `gone` (dead, its pid reused by
 * another process, or from before a reboot) or `elsewhere` (another host, which this process
 * cannot check).
 *
 * @category models
 */
type ProcessLiveness = "running" | "gone" | "elsewhere"

/**
 * The start time of `pid` from `/proc/<pid>/stat`, or `null` when it cannot be read. The
 * command name (field 2) may hold spaces and parentheses, so fields are counted after the
 * last `)`.
 *
 * @category identity
 */
const processStart = (pid: number): Effect.Effect<string | null, never, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const text = yield* disk.readFile(`/proc/${pid}/stat`).pipe(
      Effect.map((bytes) => new TextDecoder().decode(bytes)),
      Effect.orElseSucceed(() => undefined)
    )
    return text === undefined ? null : startOfStat(text)
  })

/**
 * Field 22 (start time) of a `/proc/<pid>/stat` line, or `null` when the line is malformed.
 *
 * @category identity
 */
const startOfStat = (text: string): string | null => {
  const close = text.lastIndexOf(")")
  if (close === -1) return null
  // After ")" come fields 3, 4, …; field 22 is the 20th of them.
  const field = text.slice(close + 1).trim().split(/\s+/)[19]
  return field !== undefined && /^[0-9]+$/.test(field) ? field : null
}

const bootId: Effect.Effect<string | null, never, Disk> = Effect.gen(function*() {
  const disk = yield* Disk
  return yield* disk.readFile("/proc/sys/kernel/random/boot_id").pipe(
    Effect.map((bytes) => new TextDecoder().decode(bytes).trim() || null),
    Effect.orElseSucceed(() => null)
  )
})

/**
 * This process's identity.
 *
 * @category identity
 */
export const currentProcess: Effect.Effect<ProcessIdentity, never, Disk> = Effect.gen(function*() {
  return { pid: process.pid, host: os.hostname(), start: yield* processStart(process.pid), boot: yield* bootId }
})

const pidExists = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === "EPERM"
  }
}

/**
 * Tells whether `holder` still runs, as seen from `me`. A recorded start time or boot id that
 * differs from the live one means the pid now names another process.
 *
 * @category identity
 */
export const livenessOf = (me: ProcessIdentity, holder: ProcessIdentity): Effect.Effect<ProcessLiveness, never, Disk> =>
  Effect.gen(function*() {
    if (holder.host !== me.host) return "elsewhere"
    if (holder.boot !== null && me.boot !== null && holder.boot !== me.boot) return "gone"
    if (!pidExists(holder.pid)) return "gone"
    if (holder.start === null) return "running"
    const start = yield* processStart(holder.pid)
    return start === null || start === holder.start ? "running" : "gone"
  })
