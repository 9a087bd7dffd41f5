/**
 * Reads an evidence file's bytes through the `Disk` service, failing with an `EvidenceError`
 * that names the file when it cannot be read (so a mistyped `--records` path exits 2 before
 * anything happens).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { EvidenceError } from "../../domain/EvidenceError.ts"
import { Disk } from "../files/Disk.ts"
import type { DiskError } from "../files/DiskError.ts"

const readFailure = (error: DiskError): string =>
  error.code === "ENOENT"
    ? "File does not exist"
    : error.code === "EISDIR"
    ? "Is a folder, not a file"
    : `Cannot read file (${error.code === "UNKNOWN" ? error.detail : error.code})`

/**
 * The whole file.
 *
 * @category reading
 */
export const readEvidenceFile = (file: string): Effect.Effect<Uint8Array, EvidenceError, Disk> =>
  Effect.flatMap(Effect.service(Disk), (disk) =>
    disk.readFile(file).pipe(
      Effect.mapError((error) => new EvidenceError({ reason: "Unreadable", file, line: 0, column: 0, message: readFailure(error) }))
    ))
