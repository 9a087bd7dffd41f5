/**
 * The raw bytes of one inventory data file as a web `ReadableStream` (the same on Node and
 * Deno), hashed with MD5 as they pass, so a damaged or swapped file fails at its end with the
 * manifest's checksum and the one found. A failure of the source itself (the disk, the
 * network) is told apart from bad content: it arrives as the error `sourceFailed` makes.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { InventoryError } from "../../domain/InventoryError.ts"

/**
 * Wraps `source` so a read that fails errors the stream with `sourceFailed(cause)` instead of
 * the runtime's own error.
 *
 * @category streams
 */
export const guardSource = (
  source: ReadableStream<Uint8Array>,
  sourceFailed: (cause: unknown) => unknown
): ReadableStream<Uint8Array> => {
  const reader = source.getReader()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (cause) {
        controller.error(sourceFailed(cause))
      }
    },
    cancel(reason) {
      return reader.cancel(reason)
    }
  })
}

/**
 * A pass-through that hashes every byte and, at the end, errors with a `ChecksumMismatch`
 * `InventoryError` naming `file` when the MD5 is not `expectedMd5` (hex).
 *
 * @category streams
 */
export const md5Checked = (file: string, expectedMd5: string): TransformStream<Uint8Array, Uint8Array> => {
  const hash = createHash("md5")
  let bytes = 0
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk)
      bytes += chunk.byteLength
      controller.enqueue(chunk)
    },
    flush(controller) {
      const actual = hash.digest("hex")
      if (actual !== expectedMd5) {
        controller.error(
          new InventoryError({
            reason: "ChecksumMismatch",
            file,
            line: 0,
            column: 0,
            message: `Data file MD5 is "${actual}" (${bytes} bytes) but the manifest says "${expectedMd5}"; the file is damaged or was changed`
          })
        )
      }
    }
  })
}
