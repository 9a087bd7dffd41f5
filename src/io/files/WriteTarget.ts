/**
 * Where a write really lands. A clients CSV that is a symbolic link is updated through the
 * link: the temp file goes beside the link's target and is renamed over the target, so the
 * link and every other name of that file see the new content. Paths are compared by their real
 * path, so one file is one file however it is named.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { Disk, type FileFacts } from "./Disk.ts"
import { DiskError } from "./DiskError.ts"

/**
 * A path as given and as it resolves: `real` is the file the bytes live in (links followed),
 * `folder` its folder, `facts` what is there now (`undefined` when nothing is).
 *
 * @category models
 */
export interface ResolvedPath {
  readonly given: string
  readonly real: string
  readonly folder: string
  readonly facts: FileFacts | undefined
}

const maxLinks = 32

/**
 * Resolves a path through any symbolic links, also for a file that does not exist yet (its
 * folder must) and for a link whose target does not exist yet.
 *
 * @category resolving
 */
export const resolveTarget = (given: string): Effect.Effect<ResolvedPath, DiskError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    let current = path.resolve(given)
    for (let hop = 0; hop <= maxLinks; hop++) {
      const facts = yield* disk.lstat(current)
      if (facts?.kind === "symlink") {
        current = path.resolve(path.dirname(current), yield* disk.readLink(current))
        continue
      }
      const folder = yield* disk.realPath(path.dirname(current))
      const real = path.join(folder, path.basename(current))
      return { given, real, folder, facts: facts === undefined ? undefined : yield* disk.stat(real) }
    }
    return yield* new DiskError({ reason: "Failed", code: "ELOOP", operation: "resolve", path: given, detail: "too many symbolic links" })
  })

/**
 * Whether two resolved paths are one file: the same real path, or (for hard links) the same
 * device and inode.
 *
 * @category resolving
 */
export const sameFile = (a: ResolvedPath, b: ResolvedPath): boolean =>
  a.real === b.real ||
  (a.facts !== undefined && b.facts !== undefined && a.facts.dev === b.facts.dev && a.facts.ino === b.facts.ino)
