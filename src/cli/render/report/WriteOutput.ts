/**
 * Where report-like output goes: standard output, or a file given with `--out` (written
 * atomically, so a CI step never publishes half a report).
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type { UsageError } from "../../../domain/UsageError.ts"
import type { Disk } from "../../../io/files/Disk.ts"
import { writeFileAtomic } from "../../../io/files/AtomicFile.ts"

/**
 * Writes `text` to `file`, or prints it when `file` is undefined. `text` ends with a newline.
 *
 * @category output
 */
export const writeOutput = (file: string | undefined, text: string): Effect.Effect<void, UsageError, Disk> =>
  file === undefined
    ? Console.log(text.endsWith("\n") ? text.slice(0, -1) : text)
    : writeFileAtomic(file, new TextEncoder().encode(text))
