/**
 * `run` on a local folder that holds what a bucket cannot: names that are not UTF-8, files and
 * folders the run may not read, links that lead out, `%` in the folder's path. What the run
 * would map must be readable (exit 4, naming the file and what is wrong, nothing written);
 * anything else is reported and the run goes on.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  runAs = {}
})
afterEach(async () => {
  await fs.chmod(dir, 0o700)
  await cleanup()
})

const clients = "row_id\n502\n"
const run = (bucket: string, ...extra: Array<string>) =>
  runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${bucket}`, ...extra], runAs)

// Permissions do not stop root: as root, the run goes as "nobody" on a folder opened to it.
const isRoot = process.getuid?.() === 0
let runAs: Parameters<typeof runCli>[1] = {}
const openToOthers = async () => {
  if (!isRoot) return
  runAs = { user: { uid: 65534, gid: 65534 } }
  const open = async (at: string): Promise<void> => {
    const stats = await fs.lstat(at)
    if (stats.isSymbolicLink()) return
    await fs.chmod(at, stats.isDirectory() ? 0o777 : 0o666)
    if (stats.isDirectory()) for (const name of await fs.readdir(at)) await open(path.join(at, name))
  }
  await open(dir)
}

const latin1Name = (folder: string) => Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from(".pdf")])

describe("run on a local folder it cannot wholly read", () => {
  it("exits 4 naming a client-folder file whose name is not UTF-8, and writes nothing", async () => {
    await writeTree(dir, { "clients.csv": clients, "bucket/502/ok.pdf": "a" })
    await fs.writeFile(latin1Name(path.join(dir, "bucket", "502")), "b")
    const before = await snapshotTree(dir)
    const result = await run(path.join(dir, "bucket"))
    expect(result.code).toBe(4)
    expect(result.stderr.trim().split("\n")).toEqual([
      `uuidmap: Cannot read "502/caf\\\\xe9.pdf" in file://${await fs.realpath(path.join(dir, "bucket"))}: its name is not valid UTF-8 (an S3 key is UTF-8): rename it. uuidmap needs it to map files, so nothing was written`
    ])
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("reports a stray whose name is not UTF-8 with --verbose, and maps the rest", async () => {
    await writeTree(dir, { "clients.csv": clients, "bucket/502/ok.pdf": "a", "bucket/misc/readme.txt": "r" })
    await fs.writeFile(latin1Name(path.join(dir, "bucket", "misc")), "b")
    const result = await run(path.join(dir, "bucket"), "--verbose")
    expect(result.code).toBe(0)
    expect(result.stderr).toContain("unreadable: misc/caf\\xe9.pdf (its name is not valid UTF-8 (an S3 key is UTF-8): rename it)")
    expect(await fs.readFile(path.join(dir, "clients.csv"), "utf8")).toMatch(/^row_id,file_uuids,file_count\n502,[0-9a-f-]{36},1\n$/)
  })

  it("exits 4 naming a client-folder file it may not read, and writes nothing", async () => {
    await writeTree(dir, { "clients.csv": clients, "bucket/502/ok.pdf": "a", "bucket/502/secret.pdf": "s" })
    await openToOthers()
    await fs.chmod(path.join(dir, "bucket", "502", "secret.pdf"), 0o000)
    const before = await snapshotTree(dir)
    const result = await run(path.join(dir, "bucket"))
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`"502/secret.pdf"`)
    expect(result.stderr).toContain("permission denied: check its permissions")
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(await snapshotTree(dir)).toEqual(before)
  })

  it("reports a folder it may not read outside every client folder (a lost+found), and maps the rest", async () => {
    await writeTree(dir, { "clients.csv": clients, "bucket/502/ok.pdf": "a", "bucket/lost+found/x": "x" })
    await openToOthers()
    await fs.chmod(path.join(dir, "bucket", "lost+found"), 0o000)
    const result = await run(path.join(dir, "bucket"), "--verbose")
    await fs.chmod(path.join(dir, "bucket", "lost+found"), 0o700)
    expect(result.stderr).toContain("unreadable: lost+found/ (permission denied: check its permissions)")
    expect(result.code).toBe(0)
  })

  it("never follows a link out of the folder: what it leads to is neither listed nor mapped", async () => {
    const outside = await tempDir()
    try {
      await writeTree(outside.dir, { "502/elsewhere.pdf": "x" })
      await writeTree(dir, { "clients.csv": clients, "bucket/502/ok.pdf": "a" })
      await fs.symlink(path.join(outside.dir, "502", "elsewhere.pdf"), path.join(dir, "bucket", "502", "link.pdf"))
      await fs.symlink(outside.dir, path.join(dir, "bucket", "escape"))
      const result = await run(path.join(dir, "bucket"), "--verbose")
      expect(result.code).toBe(0)
      const ledger = await fs.readFile(path.join(dir, "clients.ledger.csv"), "utf8")
      expect(ledger).toContain("502/ok.pdf")
      expect(ledger).not.toContain("link.pdf")
      expect(ledger).not.toContain("elsewhere")
      expect(result.stderr).toContain("unreadable: 502/link.pdf (a symbolic link, never followed)")
      expect(result.stderr).toContain("unreadable: escape (a symbolic link, never followed)")
    } finally {
      await outside.cleanup()
    }
  })

  it("reads a folder whose path holds % literally", async () => {
    await writeTree(dir, { "clients.csv": clients, "100% done/502/a.pdf": "a" })
    const result = await run(path.join(dir, "100% done"))
    expect(result.code).toBe(0)
    expect(await fs.readFile(path.join(dir, "clients.ledger.csv"), "utf8")).toContain("502/a.pdf")
  })

  it("says a %-encoded folder path is read literally, naming the folder that exists", async () => {
    await writeTree(dir, { "clients.csv": clients, "my bucket/502/a.pdf": "a" })
    const result = await run(path.join(dir, "my%20bucket"))
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`did you mean file://${path.join(dir, "my bucket")}?`)
  })
})
