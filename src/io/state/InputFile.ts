/**
 * Reads an input file (the clients CSV, the ledger, an evidence file to fingerprint) through
 * the `Disk` service, and turns a failure into a `CsvError` that names the file and says why
 * in words ("File does not exist"), not as an errno.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { CsvError } from "../../domain/CsvError.ts"
import { Disk } from "../files/Disk.ts"
import type { DiskError } from "../files/DiskError.ts"

const readFailure = (error: DiskError): string =>
  error.code === "ENOENT"
    ? "File does not exist"
    : error.code === "EISDIR"
    ? "Is a folder, not a file"
    : error.code === "EACCES" || error.code === "EPERM"
    ? "Cannot read the file: permission denied"
    : `Cannot read the file (${error.code === "UNKNOWN" ? error.detail : error.code})`

const unreadable = (file: string, error: DiskError) =>
  new CsvError({ reason: "Unreadable", file, line: 0, column: 0, message: readFailure(error) })

/**
 * A whole input file, as a `CsvError` naming it when it cannot be read.
 *
 * @category reading
 */
export const readInputFile = (file: string): Effect.Effect<Uint8Array, CsvError, Disk> =>
  Effect.flatMap(Effect.service(Disk), (disk) => Effect.mapError(disk.readFile(file), (error) => unreadable(file, error)))

/**
 * A file that may be absent (the ledger before the first run): undefined when it is.
 *
 * @category reading
 */
export const readOptionalFile = (file: string): Effect.Effect<Uint8Array | undefined, CsvError, Disk> =>
  Effect.flatMap(Effect.service(Disk), (disk) =>
    disk.readFile(file).pipe(
      Effect.catchTag("DiskError", (error) => (error.code === "ENOENT" ? Effect.succeed(undefined) : Effect.fail(unreadable(file, error))))
    ))
