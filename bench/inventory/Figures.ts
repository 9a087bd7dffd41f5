/**
 * Measuring helpers of the scale benches: a child process timed with GNU time (wall seconds
 * and peak RSS, the figures a user would see), and min/median/max of repeated runs.
 */
import { spawn } from "node:child_process"
import * as path from "node:path"

export const repoRoot = path.resolve(import.meta.dirname, "../..")
export const nodeBinary = process.execPath
export const mainScript = path.join(repoRoot, "src", "main.ts")

export interface ChildFigures {
  readonly seconds: number
  readonly peakMiB: number
  readonly code: number
  readonly stderr: string
}

/** Runs `node ...args` under /usr/bin/time; stdout is discarded (it still has to be produced). */
export const timeChild = (args: ReadonlyArray<string>, cwd = repoRoot): Promise<ChildFigures> =>
  new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "__time %e %M", nodeBinary, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("error", reject)
    child.on("close", (code) => {
      const match = /__time ([\d.]+) (\d+)/.exec(stderr)
      if (match === null) return reject(new Error(`no timing from /usr/bin/time: ${stderr.slice(-500)}`))
      resolve({ seconds: Number(match[1]), peakMiB: Number(match[2]) / 1024, code: code ?? -1, stderr: stderr.replace(match[0], "").trim() })
    })
  })

export interface Spread {
  readonly min: number
  readonly median: number
  readonly max: number
}

export const spread = (values: ReadonlyArray<number>): Spread => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! }
}

export const showSpread = (s: Spread, unit: string, digits = 2) =>
  `${s.min.toFixed(digits)} / ${s.median.toFixed(digits)} / ${s.max.toFixed(digits)} ${unit}`

/** The machine's load when a bench starts, for the record. */
export const loadNote = async () => {
  const os = await import("node:os")
  const [one, five] = os.loadavg()
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${os.cpus().length} cores`
}
