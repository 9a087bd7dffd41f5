/**
 * The real file system with faults put in at chosen steps: a `Disk` layer that runs each
 * operation on the real disk, except that the n-th call of an operation on a matching path
 * first runs a hook (a person saving the CSV at that instant) and then fails with an errno
 * code (a full disk, a read-only folder) or dies (a process killed at that instant: no clean-up
 * runs, as after SIGKILL). Every call is recorded, so tests can say what was attempted.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Disk } from "../../src/io/files/Disk.ts"
import { nodeDisk } from "../../src/io/files/NodeDisk.ts"
import { toDiskError } from "../../src/io/files/DiskError.ts"

type Operation = keyof Disk["Service"]

export interface Fault {
  readonly operation: Operation
  /** Which calls count; a call matches when any of its path arguments does. */
  readonly path?: (path: string) => boolean
  /** The n-th matching call (1-based) triggers the fault; default 1. */
  readonly nth?: number
  /** Runs before the operation. */
  readonly before?: () => Promise<void>
  /** Fails the operation with this errno code instead of running it. */
  readonly fail?: string
  /** Dies (a defect nothing handles) instead of running the operation, as a killed process stops. */
  readonly die?: boolean
  /** Answers `freeBytes` with this number. */
  readonly freeBytes?: number
}

export interface FaultyDisk {
  readonly layer: Layer.Layer<Disk>
  readonly calls: ReadonlyArray<{ readonly operation: Operation; readonly paths: ReadonlyArray<string> }>
}

/** A Disk layer with the given faults. */
export const faultyDisk = (faults: ReadonlyArray<Fault>): FaultyDisk => {
  const calls: Array<{ operation: Operation; paths: ReadonlyArray<string> }> = []
  const seen = new Map<Fault, number>()
  const wrap = <K extends Operation>(operation: K): Disk["Service"][K] =>
    ((...args: ReadonlyArray<unknown>) =>
      Effect.suspend(() => {
        const paths = args.filter((arg): arg is string => typeof arg === "string")
        calls.push({ operation, paths })
        const fault = faults.find((candidate) => {
          if (candidate.operation !== operation || !paths.some((p) => (candidate.path ?? (() => true))(p))) return false
          const count = (seen.get(candidate) ?? 0) + 1
          seen.set(candidate, count)
          return count === (candidate.nth ?? 1)
        })
        const real = (nodeDisk[operation] as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>)(...args)
        if (fault === undefined) return real
        const hook = fault.before === undefined ? Effect.void : Effect.promise(fault.before)
        if (fault.die === true) return Effect.andThen(hook, Effect.die(new Error(`killed before ${operation} ${paths.join(" ")}`)))
        if (fault.freeBytes !== undefined) return Effect.andThen(hook, Effect.succeed(fault.freeBytes))
        if (fault.fail !== undefined) {
          const cause = Object.assign(new Error(`${fault.fail}: injected`), { code: fault.fail })
          return Effect.andThen(hook, Effect.fail(toDiskError(operation, paths[paths.length - 1] ?? "")(cause)))
        }
        return Effect.andThen(hook, real)
      })) as unknown as Disk["Service"][K]
  const service = Object.fromEntries(Object.keys(nodeDisk).map((name) => [name, wrap(name as Operation)])) as unknown as Disk["Service"]
  return { layer: Layer.succeed(Disk, service), calls }
}
