/**
 * A lock on the clients CSV (SPEC §4): two runs never interleave on one CSV. The lock is a
 * file `<csv>.lock` created exclusively and holding the owner's pid and host. A lock whose
 * process is dead (same host, pid gone) is recovered; a live one makes the second run refuse.
 *
 * @module
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { UsageError } from "../../domain/UsageError.ts"

interface LockOwner {
  readonly pid: number
  readonly host: string
  readonly since: string
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as { code?: string }).code === "EPERM"
  }
}

const readOwner = async (lockFile: string): Promise<LockOwner | undefined> => {
  const text = await fs.readFile(lockFile, "utf8").catch(() => undefined)
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as LockOwner
  } catch {
    return undefined
  }
}

const tryCreate = async (lockFile: string, owner: LockOwner): Promise<boolean> => {
  try {
    await fs.writeFile(lockFile, JSON.stringify(owner), { flag: "wx" })
    return true
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") return false
    throw error
  }
}

const acquire = async (target: string, now: Date): Promise<string> => {
  const lockFile = `${target}.lock`
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: now.toISOString() }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(lockFile, owner)) return lockFile
    const holder = await readOwner(lockFile)
    const stale = holder === undefined
      ? false
      : holder.host === owner.host && !isAlive(holder.pid)
    if (!stale) {
      throw new Error(
        holder === undefined
          ? `${target} is locked by ${lockFile}; if no uuidmap is running, delete that file`
          : `${target} is in use by uuidmap process ${holder.pid} on ${holder.host} since ${holder.since}; wait for it to finish`
      )
    }
    // A dead owner's lock: remove it and try again (another process may win the race).
    await fs.rm(lockFile, { force: true })
  }
  throw new Error(`${target} is locked by ${lockFile}; could not recover it`)
}

/**
 * Holds the lock on `target` for the life of the scope.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { lockFile } from "./FileLock.ts"
 * const program = Effect.scoped(Effect.gen(function*() {
 *   yield* lockFile("clients.csv", new Date())
 *   // … read, compute, write …
 * }))
 * ```
 * @category locking
 */
export const lockFile = (target: string, now: Date): Effect.Effect<void, UsageError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => acquire(target, now),
      catch: (cause) => new UsageError({ reason: "Locked", message: (cause as Error).message })
    }),
    (lock) => Effect.promise(() => fs.rm(lock, { force: true }))
  ).pipe(Effect.asVoid)
