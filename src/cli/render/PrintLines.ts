/**
 * Prints many lines to stdout in pieces of about a megabyte, so a long listing (the diff of a
 * million-object run) is never joined into one string in memory.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

const pieceChars = 1 << 20

/**
 * Prints every line of `lines`, each followed by a newline, in order.
 *
 * @category output
 */
export const printLines = (lines: Iterable<string>): Effect.Effect<void> =>
  Effect.gen(function*() {
    let piece: Array<string> = []
    let size = 0
    for (const line of lines) {
      piece.push(line)
      size += line.length + 1
      if (size >= pieceChars) {
        yield* Console.log(piece.join("\n"))
        piece = []
        size = 0
      }
    }
    if (piece.length > 0) yield* Console.log(piece.join("\n"))
  })
