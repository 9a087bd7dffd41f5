/**
 * Takes a screenshot of the HTML report in headless Chromium, so a person can look at what
 * `uuidmap report --format html` renders without opening a browser by hand.
 *
 *   node scripts/screenshot-report.ts                      # the demo's report (before any run)
 *   node scripts/screenshot-report.ts report.html shot.png # a report you made
 *
 * Options (environment): CHROMIUM names the browser binary (default: the first of chromium,
 * chromium-browser, google-chrome on PATH); WINDOW_SIZE is `width,height` (default 1200,1600).
 * Chromium starts with networking, sync and updates off and a throwaway profile, so the
 * screenshot also shows that the page needs nothing from the network. The vitest suite never
 * needs Chromium: it checks the HTML by parsing it.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"

const root = path.resolve(import.meta.dirname, "..")
const main = path.join(root, "src", "main.ts")

const findChromium = (): string => {
  const candidates = process.env["CHROMIUM"] ? [process.env["CHROMIUM"]] : ["chromium", "chromium-browser", "google-chrome"]
  for (const candidate of candidates) {
    const found = spawnSync("sh", ["-c", `command -v "${candidate}"`], { encoding: "utf8" })
    if (found.status === 0 && found.stdout.trim() !== "") return found.stdout.trim()
  }
  throw new Error(`No Chromium found (tried ${candidates.join(", ")}); install it (Debian: apt-get install chromium) or set CHROMIUM`)
}

const uuidmap = (args: ReadonlyArray<string>): void => {
  const result = spawnSync(process.execPath, [main, ...args], { stdio: ["ignore", "inherit", "inherit"] })
  if (result.status !== 0) throw new Error(`uuidmap ${args[0]} exited ${result.status}`)
}

// Builds the demo, puts back the files as they were before its run, and reports on them.
const demoReport = (work: string): string => {
  const dir = path.join(work, "demo")
  uuidmap(["demo", "--dir", dir])
  for (const name of fs.readdirSync(dir)) {
    const original = /^(clients(?:\.ledger)?\.csv)\..*\.bak$/.exec(name)
    if (original) fs.renameSync(path.join(dir, name), path.join(dir, original[1]!))
  }
  const evidenceDir = path.join(dir, "evidence")
  const evidence = fs.existsSync(evidenceDir) ? fs.readdirSync(evidenceDir) : []
  const out = path.join(work, "report.html")
  uuidmap([
    "report", "--format", "html", "--out", out,
    "--clients", path.join(dir, "clients.csv"),
    "--bucket", `file://${path.join(dir, "bucket")}`,
    ...evidence.flatMap((name) => [name.includes("records") ? "--records" : "--migration-log", path.join(evidenceDir, name)])
  ])
  return out
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "uuidmap-screenshot-"))
const [given, png = path.join(process.cwd(), "report.png")] = process.argv.slice(2)
const html = given === undefined || given === "" ? demoReport(work) : path.resolve(given)
const profile = path.join(work, "profile")
const shot = spawnSync(findChromium(), [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  `--user-data-dir=${profile}`,
  `--screenshot=${path.resolve(png)}`,
  `--window-size=${process.env["WINDOW_SIZE"] ?? "1200,1600"}`,
  pathToFileURL(html).href
], { encoding: "utf8", timeout: 120_000 })
fs.rmSync(profile, { recursive: true, force: true })
if (shot.status !== 0 || !fs.existsSync(png)) {
  process.stderr.write(shot.stderr ?? "")
  throw new Error(`Chromium could not take the screenshot (exit ${shot.status})`)
}
console.log(`Report: ${html}\nScreenshot: ${path.resolve(png)}`)
