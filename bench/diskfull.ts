/**
 * A real full disk, not a simulated one: `npm run bench -- diskfull` mounts a 64 KiB tmpfs
 * (which needs root; without it this says so and stops) and runs `uuidmap run` there twice:
 * with the disk completely full (the lock cannot be written) and with too little room for the
 * new files. Each must exit 2 with a clear message and leave the folder exactly as it was: no
 * lock, no temp file, no backup. The suite tests the same failures at every step through the
 * `Disk` service (test/program/WriteResultFaults.test.ts, test/io/files/FileLock.test.ts).
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"

const entry = path.resolve(import.meta.dirname, "..", "src", "main.ts")
const root = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-diskfull-"))
const disk = path.join(root, "disk")
const bucket = path.join(root, "bucket")
await fs.mkdir(disk)
await fs.mkdir(path.join(bucket, "502"), { recursive: true })
for (let i = 0; i < 300; i++) await fs.writeFile(path.join(bucket, "502", `f${i}.pdf`), String(i))

const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk], { encoding: "utf8" })
if (mounted.status !== 0) {
  console.log(`cannot mount a tmpfs (${mounted.stderr.trim() || "needs root"}); nothing tested`)
  await fs.rm(root, { recursive: true, force: true })
  process.exit(0)
}
let failures = 0
const attempt = async (label: string, filler: number) => {
  for (const name of await fs.readdir(disk)) await fs.rm(path.join(disk, name), { force: true })
  const rows = Array.from({ length: 200 }, (_, i) => `${600 + i},Name ${i}\n`).join("")
  await fs.writeFile(path.join(disk, "clients.csv"), `row_id,name\n502,Sam\n${rows}`)
  await fs.writeFile(path.join(disk, "filler"), new Uint8Array(filler)).catch(() => undefined)
  const before = (await fs.readdir(disk)).sort()
  const run = spawnSync(process.execPath, [entry, "run", "--clients", path.join(disk, "clients.csv"), "--bucket", `file://${bucket}`], { encoding: "utf8" })
  const after = (await fs.readdir(disk)).sort()
  const ok = run.status === 2 && JSON.stringify(before) === JSON.stringify(after) && !run.stderr.includes("ENOSPC:")
  if (!ok) failures++
  console.log(`${ok ? "ok  " : "FAIL"} ${label}: exit ${run.status}, ${run.stderr.trim()}${JSON.stringify(before) === JSON.stringify(after) ? "" : `; files now ${after.join(", ")}`}`)
}
try {
  await attempt("disk full before the lock", 64 * 1024)
  await attempt("too little room for the new files", 40 * 1024)
} finally {
  spawnSync("umount", [disk])
  await fs.rm(root, { recursive: true, force: true })
}
process.exitCode = failures === 0 ? 0 : 1
