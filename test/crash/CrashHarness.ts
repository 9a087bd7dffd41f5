/**
 * The kill harness (issue 9, item 1): starts `uuidmap run` and `uuidmap apply` as child
 * processes on the crash scenario and sends SIGKILL at random moments (seeded): half at a
 * uniformly random time over the run, half a few milliseconds after the commit starts (the
 * first temp file, backup or commit record appears), where a kill matters most. After each
 * kill it checks that the clients CSV and the ledger are each byte-identical to the old or the
 * new version, that a backup of the old bytes exists whenever a file changed, and that the
 * next run finishes the job: both files byte-identical to an uninterrupted run, nothing left
 * behind, and `verify` passes. The "person" variant saves an edit of another column of the CSV
 * while a run works (sometimes also killed) and checks the edit is never lost.
 */
import { spawn, spawnSync } from "node:child_process"
import { watch } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { type CrashScenario, cliEntry, resetLive, seededRandom } from "./CrashScenario.ts"

export interface KillOutcome {
  readonly command: "run" | "apply"
  readonly trigger: "timer" | "commit" | "ledger-renamed"
  readonly delayMs: number
  /** Whether SIGKILL arrived before the process ended by itself. */
  readonly killed: boolean
  /** The files right after the kill: which of old and new each was. */
  readonly landed: string
  readonly recovered: boolean
}

export interface HarnessReport {
  readonly seed: number
  readonly kills: ReadonlyArray<KillOutcome>
  readonly personEdits: number
  readonly problems: ReadonlyArray<string>
  readonly referenceMs: { readonly run: number; readonly apply: number }
}

const seedEnv = { ...process.env, NO_COLOR: "1", UUIDMAP_TEST_UUID_SEED: "1" }

const cli = (args: ReadonlyArray<string>) => {
  const started = performance.now()
  const result = spawnSync(process.execPath, [cliEntry, ...args], { env: seedEnv, encoding: "utf8" })
  return { code: result.status, stderr: result.stderr, ms: performance.now() - started }
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

/** Starts a command and kills it after `delayMs`, or as soon as the commit starts (plus `delayMs`). */
const startAndKill = (
  scenario: CrashScenario,
  args: ReadonlyArray<string>,
  trigger: KillOutcome["trigger"],
  delayMs: number,
  fallbackMs: number
) =>
  new Promise<{ killed: boolean }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { env: seedEnv, stdio: "ignore" })
    let killed = false
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) killed = child.kill("SIGKILL")
    }
    const timers: Array<ReturnType<typeof setTimeout>> = []
    const watcher = trigger === "timer"
      ? undefined
      : watch(scenario.live, (_event, name) => {
        // The commit's own files (the lock's temp file appears at the start of every run), or
        // the ledger's rename, after which the CSV's comes within a millisecond or so.
        const seen = trigger === "commit"
          ? name !== null && !name.includes(".lock.") && /\.uuidmap\.tmp$|\.commit$|\.bak$/.test(name)
          : name === "clients.ledger.csv"
        if (seen && timers.length === 1) {
          if (delayMs === 0) kill()
          timers.push(setTimeout(kill, delayMs))
        }
      })
    timers.push(setTimeout(kill, trigger === "timer" ? delayMs : fallbackMs))
    child.on("error", reject)
    child.on("exit", () => {
      for (const timer of timers) clearTimeout(timer)
      watcher?.close()
      resolve({ killed })
    })
  })

const leftovers = async (scenario: CrashScenario) =>
  (await fs.readdir(scenario.live)).filter((name) => name.endsWith(".tmp") || name.endsWith(".commit") || name.endsWith(".lock"))

const hasBackupOf = async (scenario: CrashScenario, base: string, bytes: Buffer) => {
  for (const name of await fs.readdir(scenario.live)) {
    if (name.startsWith(`${base}.`) && name.endsWith(".bak") && (await fs.readFile(path.join(scenario.live, name))).equals(bytes)) return true
  }
  return false
}

/** Runs `kills` kills (alternating run and apply) and `personEdits` person variants. */
export const runHarness = async (
  scenario: CrashScenario,
  options: { readonly seed: number; readonly kills: number; readonly personEdits: number; readonly log?: ((line: string) => void) | undefined }
): Promise<HarnessReport> => {
  const random = seededRandom(options.seed)
  const problems: Array<string> = []
  const log = options.log ?? (() => undefined)
  const plan = path.join(scenario.root, "plan.json")
  const runArgs = ["run", ...scenario.flags]
  const applyArgs = ["apply", plan, ...scenario.flags]

  // The reference: an uninterrupted run, and an uninterrupted apply of a plan made from the old files.
  await resetLive(scenario)
  const reference = cli(runArgs)
  if (reference.code !== 0) throw new Error(`reference run failed: ${reference.stderr}`)
  const newClients = await fs.readFile(scenario.clientsFile)
  const newLedger = await fs.readFile(scenario.ledgerFile)
  await resetLive(scenario)
  if (cli(["plan", "--out", plan, ...scenario.flags]).code !== 0) throw new Error("plan failed")
  const applied = cli(applyArgs)
  if (applied.code !== 0) throw new Error(`reference apply failed: ${applied.stderr}`)
  if (!(await fs.readFile(scenario.clientsFile)).equals(newClients) || !(await fs.readFile(scenario.ledgerFile)).equals(newLedger)) {
    problems.push("apply of the plan did not give the files an uninterrupted run gives")
  }
  const referenceMs = { run: reference.ms, apply: applied.ms }
  // Files byte-identical to these pass verify as these do, so verify runs once here, and
  // again only where the files differ (a person's edit).
  const referenceVerified = cli(["verify", ...scenario.flags])
  if (referenceVerified.code !== 0) problems.push(`verify fails on an uninterrupted run's files: exit ${referenceVerified.code}`)
  const versionOf = (bytes: Buffer, old: Buffer, next: Buffer) => (bytes.equals(old) ? "old" : bytes.equals(next) ? "new" : "neither")

  const finish = async (label: string, expectedClients: Buffer, expectedLedger: Buffer, finisher: ReadonlyArray<string>, verify: boolean) => {
    const done = cli(finisher)
    if (done.code !== 0) problems.push(`${label}: the next ${finisher[0]} exited ${done.code}: ${done.stderr.trim()}`)
    if (!(await fs.readFile(scenario.clientsFile)).equals(expectedClients)) problems.push(`${label}: after the next run the clients CSV differs from an uninterrupted run`)
    if (!(await fs.readFile(scenario.ledgerFile)).equals(expectedLedger)) problems.push(`${label}: after the next run the ledger differs from an uninterrupted run`)
    const left = await leftovers(scenario)
    if (left.length > 0) problems.push(`${label}: left behind ${left.join(", ")}`)
    if (verify) {
      const verified = cli(["verify", ...scenario.flags])
      if (verified.code !== 0) problems.push(`${label}: verify exited ${verified.code}`)
    }
    return done.stderr
  }

  const kills: Array<KillOutcome> = []
  for (let i = 0; i < options.kills; i++) {
    const command = i % 2 === 0 ? "run" : "apply"
    const roll = random()
    const trigger: KillOutcome["trigger"] = roll < 0.4 ? "timer" : roll < 0.8 ? "commit" : "ledger-renamed"
    const span = command === "run" ? referenceMs.run : referenceMs.apply
    const delayMs = trigger === "timer" ? Math.round(random() * span * 1.1) : trigger === "commit" ? Math.round(random() * 25) : 0
    await resetLive(scenario)
    const { killed } = await startAndKill(scenario, command === "run" ? runArgs : applyArgs, trigger, delayMs, span * 1.5)
    const label = `kill ${i + 1} (${command}, ${trigger} ${delayMs} ms)`
    const clients = versionOf(await fs.readFile(scenario.clientsFile), scenario.oldClients, newClients)
    const ledger = versionOf(await fs.readFile(scenario.ledgerFile), scenario.oldLedger, newLedger)
    if (clients === "neither") problems.push(`${label}: the clients CSV is neither the old nor the new version`)
    if (ledger === "neither") problems.push(`${label}: the ledger is neither the old nor the new version`)
    if (clients === "new" && !(await hasBackupOf(scenario, "clients.csv", scenario.oldClients))) problems.push(`${label}: the CSV changed but no backup holds the old one`)
    if (ledger === "new" && !(await hasBackupOf(scenario, "clients.ledger.csv", scenario.oldLedger))) problems.push(`${label}: the ledger changed but no backup holds the old one`)
    // An apply killed before its commit began is finished by applying the plan again. Once a
    // commit record exists, the next command finishes that commit first, after which the plan
    // is stale (its inputs changed: they now hold its result), so `run` finishes the job.
    const committing = (await fs.readdir(scenario.live)).some((name) => name.endsWith(".commit"))
    const finisher = command === "apply" && clients === "old" && ledger === "old" && !committing ? applyArgs : runArgs
    const stderr = await finish(label, newClients, newLedger, finisher, false)
    const outcome: KillOutcome = { command, trigger, delayMs, killed, landed: `csv ${clients}, ledger ${ledger}`, recovered: stderr.includes("the commit of an interrupted run") }
    kills.push(outcome)
    log(`${label}: ${killed ? "killed" : "had finished"}; ${outcome.landed}${outcome.recovered ? "; the next run finished its commit" : ""}`)
  }

  for (let i = 0; i < options.personEdits; i++) {
    await resetLive(scenario)
    const row = Math.floor(random() * scenario.clients)
    const token = `n${String(row).padStart(4, "0")}`
    const edit = (bytes: Buffer) => Buffer.from(bytes.toString("utf8").replace(`,${token},`, `,edited by a person ${i},`))
    const saveAt = random() * referenceMs.run * 1.1
    const alsoKill = random() < 0.3
    const child = spawn(process.execPath, [cliEntry, ...runArgs], { env: seedEnv, stdio: "ignore" })
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()))
    const saved = new Promise<void>((resolve) =>
      setTimeout(async () => {
        // A spreadsheet that opened the old CSV saves it with the edit: in place, or by a rename.
        const bytes = edit(scenario.oldClients)
        if (random() < 0.5) await fs.writeFile(scenario.clientsFile, bytes)
        else {
          await fs.writeFile(`${scenario.clientsFile}.person`, bytes)
          await fs.rename(`${scenario.clientsFile}.person`, scenario.clientsFile)
        }
        if (alsoKill) child.kill("SIGKILL")
        resolve()
      }, saveAt)
    )
    await Promise.all([saved, exited])
    const expectedClients = edit(newClients)
    const expectedLedger = Buffer.from(newLedger.toString("utf8").replace(sha(newClients), sha(expectedClients)))
    const label = `person ${i + 1} (saved at ${Math.round(saveAt)} ms${alsoKill ? ", run killed" : ""})`
    if (!(await fs.readFile(scenario.clientsFile)).toString("utf8").includes(`edited by a person ${i}`)) problems.push(`${label}: the person's edit is gone`)
    await finish(label, expectedClients, expectedLedger, runArgs, true)
    log(`${label}: the edit is kept`)
  }
  return { seed: options.seed, kills, personEdits: options.personEdits, problems, referenceMs }
}
