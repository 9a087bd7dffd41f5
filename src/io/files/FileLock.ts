/**
 * The lock on a clients CSV (SPEC §4): two runs never interleave on one CSV. The lock is the
 * file `<csv>.lock` beside the CSV's real path (so two links to one CSV share it). It is
 * written whole to a temp file and then `link`ed into place, which fails when a lock exists:
 * an empty or partial lock file never appears, and a full disk leaves no lock behind.
 *
 * A lock whose process is gone (same host, and the pid dead, or now naming a process with
 * another start time or from another boot) is taken over: it is renamed aside, checked to be
 * the one judged dead, and removed. A live lock makes the second run refuse (exit 2); a lock
 * from another host or a file that is not a lock is refused with what to do.
 *
 * @module
 */
import { randomUUID } from "node:crypto"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { UsageError } from "../../domain/UsageError.ts"
import { Disk } from "./Disk.ts"
import { publishExclusive } from "./PublishExclusive.ts"
import { type DiskError, describeDiskError } from "./DiskError.ts"
import { decodeLockRecord, encodeLockRecord, type LockRecord } from "./LockRecord.ts"
import { currentProcess, livenessOf, type ProcessIdentity } from "./ProcessIdentity.ts"
import { resolveTarget, type ResolvedPath } from "./WriteTarget.ts"

/**
 * A lock this process holds: the lock file, the CSV it guards (resolved), this lock's nonce,
 * and one line for each thing taking it cleaned up (a dead owner's lock, its temp files).
 *
 * @category models
 */
export interface HeldLock {
  readonly file: string
  readonly target: ResolvedPath
  readonly nonce: string
  readonly notes: ReadonlyArray<string>
}

const tempSuffix = ".uuidmap.tmp"

/**
 * The message for a folder the lock cannot be written in, naming the file locked: the clients
 * CSV, or the ledger when an embedder keeps the clients CSV in memory.
 *
 * @category errors
 */
const unwritableFolder = (locked: LockedFile, file: string, folder: string, cause: DiskError): UsageError => {
  const name = locked === "clients" ? "clients CSV" : "ledger"
  const capitalised = locked === "clients" ? "Clients CSV" : "Ledger"
  switch (cause.reason) {
    case "NotFound":
      return new UsageError({ reason: "Unwritable", message: `${capitalised} "${file}" cannot be used: its folder "${folder}" does not exist` })
    case "NotADirectory":
      return new UsageError({ reason: "Unwritable", message: `${capitalised} "${file}" cannot be used: "${folder}" is not a folder` })
    case "NoSpace":
      return new UsageError({
        reason: "DiskFull",
        message: `Cannot lock the ${name} "${file}": no space left on the device of "${folder}"; free some space and run again`
      })
    case "ReadOnly":
    case "Denied":
      return new UsageError({
        reason: "Unwritable",
        message: `Cannot lock the ${name} "${file}": its folder "${folder}" cannot be written (${describeDiskError(cause)}); uuidmap writes its lock, the backups and the new ${locked === "clients" ? "CSV" : "ledger"} there`
      })
    default:
      return new UsageError({ reason: "Unwritable", message: `Cannot lock the ${name} "${file}" in "${folder}": ${describeDiskError(cause)}` })
  }
}

/** Which of the two files carries the lock: the clients CSV, unless only the ledger is a file. */
export type LockedFile = "clients" | "ledger"

const heldBy = (holder: LockRecord) =>
  `uuidmap process ${holder.pid} on ${holder.host} since ${holder.since}`

// The dead owner's lock is renamed aside (only one process can win that rename) and removed
// only if it is the lock that was judged dead; a lock made in between is put back.
const takeOver = (lockFile: string, judged: Uint8Array, nonce: string) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const aside = `${lockFile}.${nonce}.stale`
    const moved = yield* disk.rename(lockFile, aside).pipe(
      Effect.as(true),
      Effect.catchTag("DiskError", (error) => (error.reason === "NotFound" ? Effect.succeed(false) : Effect.fail(error)))
    )
    if (!moved) return
    const claimed = yield* disk.readFile(aside)
    if (!sameBytes(claimed, judged)) yield* disk.link(aside, lockFile).pipe(Effect.ignore)
    yield* disk.remove(aside)
  })

const removeDeadTemps = (lockFile: string, me: ProcessIdentity) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const folder = path.dirname(lockFile)
    const prefix = `.${path.basename(lockFile)}.`
    const removed: Array<string> = []
    for (const name of yield* disk.readFolder(folder).pipe(Effect.orElseSucceed(() => []))) {
      if (!name.startsWith(prefix) || !name.endsWith(tempSuffix)) continue
      const pid = Number(name.slice(prefix.length).split(".")[0])
      if (!Number.isSafeInteger(pid) || pid === me.pid) continue
      const liveness = yield* livenessOf(me, { pid, host: me.host, start: null, boot: null })
      if (liveness !== "gone") continue
      yield* disk.remove(path.join(folder, name)).pipe(Effect.ignore)
      removed.push(`Removed "${path.join(folder, name)}", a temp file left by a uuidmap process that was killed`)
    }
    return removed
  })

const acquire = (clientsFile: string, now: Date, locked: LockedFile): Effect.Effect<HeldLock, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const target = yield* resolveTarget(clientsFile).pipe(
      Effect.mapError((error) => unwritableFolder(locked, clientsFile, path.dirname(clientsFile), error))
    )
    const lockFile = `${target.real}.lock`
    const me = yield* currentProcess
    const nonce = randomUUID()
    const record: LockRecord = { ...me, since: now.toISOString(), nonce }
    const temp = path.join(target.folder, `.${path.basename(lockFile)}.${me.pid}.${nonce}${tempSuffix}`)
    const folderError = (error: DiskError) => unwritableFolder(locked, clientsFile, target.folder, error)
    const bytes = encodeLockRecord(record)
    yield* disk.createFile(temp, bytes, { mode: 0o644 }).pipe(Effect.mapError(folderError))
    const notes: Array<string> = []
    const taken = Effect.gen(function*() {
      for (let attempt = 0; attempt < 5; attempt++) {
        const linked = yield* publishExclusive(temp, lockFile, bytes, { mode: 0o644 }).pipe(
          Effect.as(true),
          Effect.catchTag("DiskError", (error) => (error.reason === "Exists" ? Effect.succeed(false) : Effect.fail(folderError(error))))
        )
        if (linked) return
        const found = yield* disk.readFile(lockFile).pipe(
          Effect.map((read): Uint8Array | undefined => read),
          Effect.catchTag("DiskError", (error) => (error.reason === "NotFound" ? Effect.succeed(undefined) : Effect.fail(folderError(error))))
        )
        if (found === undefined) continue
        const decoded = decodeLockRecord(found)
        if ("problem" in decoded) {
          return yield* new UsageError({
            reason: "Locked",
            message: `Lock file "${lockFile}" is not a uuidmap lock (${decoded.problem}); if no uuidmap is running on "${clientsFile}", delete it and run again`
          })
        }
        const holder = decoded.record
        const liveness = yield* livenessOf(me, holder)
        if (liveness === "running") {
          return yield* new UsageError({ reason: "Locked", message: `${clientsFile} is in use by ${heldBy(holder)}; wait for it to finish` })
        }
        if (liveness === "elsewhere") {
          return yield* new UsageError({
            reason: "Locked",
            message: `${clientsFile} is locked by ${heldBy(holder)}; uuidmap cannot check a process on another host: if none runs there, delete "${lockFile}" and run again`
          })
        }
        yield* takeOver(lockFile, found, nonce).pipe(Effect.mapError(folderError))
        notes.push(`Took over the lock of ${heldBy(holder)}, which is no longer running`)
      }
      return yield* new UsageError({ reason: "Locked", message: `${clientsFile} is locked by "${lockFile}" and the lock could not be taken; run again` })
    })
    yield* taken.pipe(Effect.ensuring(disk.remove(temp).pipe(Effect.ignore)))
    notes.push(...yield* removeDeadTemps(lockFile, me))
    const held: HeldLock = { file: lockFile, target, nonce, notes }
    return held
  })

/**
 * Fails unless the lock file is still this lock (nobody removed or replaced it). Checked
 * before a commit starts, so a lock lost by any race stops the run before it writes.
 *
 * @category locking
 */
export const assertLockHeld = (lock: HeldLock): Effect.Effect<void, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const bytes = yield* disk.readFile(lock.file).pipe(Effect.orElseSucceed(() => new Uint8Array()))
    const decoded = decodeLockRecord(bytes)
    if ("record" in decoded && decoded.record.nonce === lock.nonce) return
    return yield* new UsageError({
      reason: "Locked",
      message: `The lock "${lock.file}" was removed or replaced while this run worked; nothing was written, run again`
    })
  })

const release = (lock: HeldLock): Effect.Effect<void, never, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const bytes = yield* disk.readFile(lock.file).pipe(Effect.orElseSucceed(() => new Uint8Array()))
    const decoded = decodeLockRecord(bytes)
    // Another process's lock is never removed, whatever happened to this one.
    if ("record" in decoded && decoded.record.nonce === lock.nonce) yield* disk.remove(lock.file).pipe(Effect.ignore)
  })

/**
 * Holds the lock on `target` for the life of the scope: the clients CSV, or the ledger when
 * `locked` says only the ledger is a file (its messages then name the ledger).
 *
 * @category locking
 */
export const lockFile = (target: string, now: Date, locked: LockedFile = "clients"): Effect.Effect<HeldLock, UsageError, Disk | Scope.Scope> =>
  Effect.acquireRelease(acquire(target, now, locked), release)

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i])
