/**
 * Reads an evidence file's bytes, failing with an `EvidenceError` that names the file when it
 * cannot be read (so a mistyped `--records` path exits 2 before anything happens).
 *
 * @module
 */
import * as fs from "node:fs/promises"
import * as Effect from "effect/Effect"
import { EvidenceError } from "../../domain/EvidenceError.ts"

/**
 * The whole file.
 *
 * @category reading
 */
export const readEvidenceFile = (file: string): Effect.Effect<Uint8Array, EvidenceError> =>
  Effect.tryPromise({
    try: () => fs.readFile(file),
    catch: (cause) => {
      const code = (cause as { code?: string }).code
      return new EvidenceError({
        reason: "Unreadable",
        file,
        line: 0,
        column: 0,
        message: code === "ENOENT" ? "File does not exist" : code === "EISDIR" ? "Is a folder, not a file" : `Cannot read file (${code ?? String(cause)})`
      })
    }
  })
