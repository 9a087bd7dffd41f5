/**
 * The walk behind the local-folder store: every regular file under the root, depth first,
 * with one directory handle open per level (memory bounded by the depth of the tree, not its
 * size). It never leaves the root: symbolic links are not followed (a folder is entered only
 * when its real path is inside the root, and files are opened with `O_NOFOLLOW`), and what it
 * cannot read is yielded as such, never thrown, so that the program can decide whether it
 * matters: a file deleted during the walk, a file or folder it may not read, a name that is
 * not UTF-8, a link or a device.
 *
 * @internal
 * @module
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { errorCode } from "../files/ErrorCode.ts"

/** A regular file the walk found: its key and its path on disk. */
export interface WalkedFile {
  readonly _tag: "File"
  readonly key: string
  readonly path: string | Buffer
}

/**
 * Something the walk found but cannot list as an object. `key` ends with `/` for a folder.
 * - `vanished`: deleted between being seen and being read;
 * - `unreadable`: permission denied;
 * - `bad-name`: a name that is not valid UTF-8 (an S3 key is UTF-8);
 * - `skipped`: a symbolic link, socket, pipe or device, never followed or read.
 */
interface WalkedProblem {
  readonly _tag: "Problem"
  readonly key: string
  readonly problem: "vanished" | "unreadable" | "bad-name" | "skipped"
  readonly detail: string
}

export type WalkedEntry = WalkedFile | WalkedProblem

const strictUtf8 = new TextDecoder("utf-8", { fatal: true })

// A name as a key segment: its text, or its bytes escaped (`caf\xe9`) when it is not UTF-8.
const nameOf = (name: string | Buffer): { readonly text: string; readonly valid: boolean } => {
  if (typeof name === "string") return { text: name, valid: !name.includes("\uFFFD") }
  try {
    return { text: strictUtf8.decode(name), valid: true }
  } catch {
    const escaped = Array.from(name, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`))
    return { text: escaped.join(""), valid: false }
  }
}

const joinPath = (parent: string | Buffer, name: string | Buffer): string | Buffer =>
  typeof parent === "string" && typeof name === "string"
    ? path.join(parent, name)
    : Buffer.concat([Buffer.from(parent), Buffer.from("/"), Buffer.from(name)])

/** Why an operation on a walked entry failed, as one of the problems, or undefined. */
export const problemOf = (cause: unknown, nameIsValid: boolean): Pick<WalkedProblem, "problem" | "detail"> | undefined => {
  const code = errorCode(cause)
  if (code === "ENOENT" || code === "ENOTDIR") {
    // Deno lists a name that is not UTF-8 with U+FFFD in it, which then names nothing.
    return nameIsValid
      ? { problem: "vanished", detail: "it was deleted while the folder was being read" }
      : { problem: "bad-name", detail: "its name is not valid UTF-8 (an S3 key is UTF-8): rename it" }
  }
  if (code === "EACCES" || code === "EPERM") return { problem: "unreadable", detail: "permission denied: check its permissions" }
  if (code === "ELOOP") return { problem: "skipped", detail: "a symbolic link, never followed" }
  return undefined
}

const isInside = (root: string, real: string): boolean => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)

/**
 * Walks the folder `relative` (a key prefix without its trailing slash, `""` for the root) of
 * `root`, which must be a real path. Throws only when the root itself cannot be read.
 */
export async function* walkFolder(root: string, relative: string, rootPath: string | Buffer = root): AsyncGenerator<WalkedEntry> {
  // Node gives names as bytes with encoding "buffer", so a name that is not UTF-8 can still
  // be opened; Deno ignores it and gives strings.
  const dir = await fs.opendir(rootPath, { encoding: "buffer", bufferSize: 32 } as unknown as Parameters<typeof fs.opendir>[1])
  for await (const entry of dir) {
    const raw = entry.name as unknown as string | Buffer
    const name = nameOf(raw)
    const key = relative === "" ? name.text : `${relative}/${name.text}`
    const entryPath = joinPath(rootPath, raw)
    if (!name.valid && !entry.isDirectory() && !entry.isFile()) continue
    if (entry.isDirectory()) {
      if (!name.valid) {
        yield { _tag: "Problem", key: `${key}/`, problem: "bad-name", detail: "its name is not valid UTF-8 (an S3 key is UTF-8): rename it" }
        continue
      }
      const entered = await fs.realpath(entryPath).then(
        (real) => (isInside(root, String(real)) ? undefined : { problem: "skipped" as const, detail: "it leads out of the folder, not followed" }),
        (cause: unknown) => problemOf(cause, true) ?? { problem: "unreadable" as const, detail: String(cause) }
      )
      if (entered !== undefined) {
        yield { _tag: "Problem", key: `${key}/`, ...entered }
        continue
      }
      const inner = walkFolder(root, key, entryPath)
      for (;;) {
        const next = await inner.next().then(
          (result) => result,
          (cause: unknown) => ({ done: true as const, problem: problemOf(cause, true), cause })
        )
        if ("problem" in next) {
          if (next.problem === undefined) throw next.cause
          yield { _tag: "Problem", key: `${key}/`, ...next.problem }
          break
        }
        if (next.done === true) break
        yield next.value
      }
    } else if (entry.isFile()) {
      yield name.valid
        ? { _tag: "File", key, path: entryPath }
        : { _tag: "Problem", key, problem: "bad-name", detail: "its name is not valid UTF-8 (an S3 key is UTF-8): rename it" }
    } else {
      yield { _tag: "Problem", key, problem: "skipped", detail: entry.isSymbolicLink() ? "a symbolic link, never followed" : "not a regular file" }
    }
  }
}

