/**
 * Runs the real `uuidmap` executable in a child process, on Node or Deno (whichever runs the
 * tests), and captures its exit code and output. End-to-end tests use this, never internals.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..", "..")
const isDeno = "Deno" in globalThis

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `uuidmap ...args` in `cwd` with extra environment variables, as another user if asked. */
export const runCli = (
  args: ReadonlyArray<string>,
  options: { cwd?: string; env?: Record<string, string>; user?: { readonly uid: number; readonly gid: number } } = {}
): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const entry = path.join(root, "src", "main.ts")
    const command = isDeno ? [...["run", "-A", entry], ...args] : [entry, ...args]
    const child = spawn(process.execPath, command, {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.user === undefined ? {} : options.user)
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

/** A fresh temporary folder, removed by the returned cleanup. */
export const tempDir = async (prefix = "uuidmap-test-"): Promise<{ dir: string; cleanup: () => Promise<void> }> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) }
}

/** Writes a tree of files: keys are relative paths, values their content. */
export const writeTree = async (dir: string, files: Record<string, string | Uint8Array>): Promise<void> => {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, ...name.split("/"))
    await fs.mkdir(path.dirname(target), { recursive: true })
    await fs.writeFile(target, content)
  }
}

/**
 * Every file below `dir` with its bytes, for "nothing was written" assertions. Names that are
 * not UTF-8 are kept as bytes (shown as `\xNN`), so such a file can be snapshotted too.
 */
export const snapshotTree = async (dir: string): Promise<Map<string, string>> => {
  const result = new Map<string, string>()
  const walk = async (relative: Buffer): Promise<void> => {
    const folder = Buffer.concat([Buffer.from(dir), relative])
    const entries = await fs.readdir(folder, { withFileTypes: true, encoding: "buffer" as unknown as "utf8" })
    for (const entry of entries) {
      const name = entry.name as unknown as Buffer | string
      const child = Buffer.concat([relative, Buffer.from("/"), Buffer.from(name)])
      if (entry.isDirectory()) await walk(child)
      else result.set(shown(child).slice(1), (await fs.readFile(Buffer.concat([Buffer.from(dir), child]))).toString("base64"))
    }
  }
  await walk(Buffer.alloc(0))
  return result
}

const shown = (name: Buffer): string => {
  const text = name.toString("utf8")
  return Buffer.from(text, "utf8").equals(name) ? text : Array.from(name, (byte) => (byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16)}`)).join("")
}
