/**
 * Names of the temp files the write path creates, and the sweep that removes those a killed
 * run left behind. A temp file is `.<name>.<tag>.<nonce>.uuidmap.tmp`, where `<name>` is the
 * file it stands for and `<tag>` eight hex digits of the sha256 of that file's real path: two
 * files of one name in different folders that share a backup folder never take each other's
 * temp files for their own. Only the holder of the clients CSV's lock writes these names, so
 * under the lock every one found is a leftover.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { Disk } from "./Disk.ts"
import { sha256Hex } from "./FileDigest.ts"

const suffix = ".uuidmap.tmp"

const prefixOf = (realTarget: string): string => `.${path.basename(realTarget)}.${sha256Hex(new TextEncoder().encode(realTarget)).slice(0, 8)}.`

/**
 * A temp file name for `realTarget`, placed in `folder` (the target's own folder unless said).
 *
 * @category naming
 */
export const tempPathFor = (realTarget: string, nonce: string, folder = path.dirname(realTarget)): string =>
  path.join(folder, `${prefixOf(realTarget)}${nonce}${suffix}`)

/**
 * Removes every temp file of `realTarget` in `folder`; returns one line per file removed.
 *
 * @category cleaning
 */
export const sweepTemps = (realTarget: string, folder = path.dirname(realTarget)): Effect.Effect<ReadonlyArray<string>, never, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const prefix = prefixOf(realTarget)
    const notes: Array<string> = []
    for (const name of yield* disk.readFolder(folder).pipe(Effect.orElseSucceed(() => []))) {
      if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue
      const file = path.join(folder, name)
      yield* disk.remove(file).pipe(Effect.ignore)
      notes.push(`Removed "${file}", a temp file left by an interrupted run`)
    }
    return notes
  })
