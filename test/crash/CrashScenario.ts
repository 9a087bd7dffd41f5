/**
 * The scenario the crash harness kills runs in: a few hundred clients, a few thousand objects
 * in a local-folder bucket (client folders and a UUID pool), a migration log and a records
 * file, and an "old" clients CSV and ledger left by an earlier run, after which new objects
 * arrived, so that the next run changes both files. Built from a seed, so a failure can be
 * reproduced.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { deterministicUuid } from "../../src/io/uuid/UuidGenerator.ts"

export interface CrashScenario {
  readonly root: string
  /** Where every run reads and writes: the clients CSV and the ledger only. */
  readonly live: string
  readonly clientsFile: string
  readonly ledgerFile: string
  /** The flags every command gets besides the command itself. */
  readonly flags: ReadonlyArray<string>
  readonly oldClients: Buffer
  readonly oldLedger: Buffer
  readonly clients: number
  readonly objects: number
}

export interface ScenarioSize {
  readonly clients: number
  readonly folderFiles: number
  readonly poolFiles: number
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const root = path.resolve(import.meta.dirname, "..", "..")
export const cliEntry = path.join(root, "src", "main.ts")

/** Runs the CLI to completion (for setting the scenario up, not for killing). */
export const runToEnd = (args: ReadonlyArray<string>, seed = "7") => {
  const result = spawnSync(process.execPath, [cliEntry, ...args], {
    env: { ...process.env, NO_COLOR: "1", UUIDMAP_TEST_UUID_SEED: seed },
    encoding: "utf8"
  })
  if (result.status !== 0) throw new Error(`uuidmap ${args.join(" ")} exited ${result.status}: ${result.stderr}`)
  return result
}

/** Builds the scenario under `root`. */
export const buildCrashScenario = async (
  dir: string,
  seed: number,
  size: ScenarioSize = { clients: 300, folderFiles: 1500, poolFiles: 1500 }
): Promise<CrashScenario> => {
  const random = seededRandom(seed)
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!
  const bucket = path.join(dir, "bucket")
  const live = path.join(dir, "live")
  await fs.mkdir(live, { recursive: true })
  const ids = Array.from({ length: size.clients }, (_, i) => String(1000 + i))
  const names = new Map(ids.map((id, i) => [id, `Client_${i}`]))
  const header = "row_id,name,email,notes\n"
  const rows = ids.map((id, i) => `${id},${names.get(id)},c${i}@example.com,n${String(i).padStart(4, "0")}\n`)
  const clientsFile = path.join(live, "clients.csv")
  const ledgerFile = path.join(live, "clients.ledger.csv")
  await fs.writeFile(clientsFile, header + rows.join(""))

  const write = async (key: string, content: string) => {
    const file = path.join(bucket, ...key.split("/"))
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, content)
  }
  const withFolders = ids.filter(() => random() < 0.6)
  const folderKeys: Array<{ key: string; owner: string; content: string }> = []
  for (let i = 0; i < size.folderFiles; i++) {
    const owner = pick(withFolders)
    folderKeys.push({ key: `${owner}/${names.get(owner)}/doc-${i}.pdf`, owner, content: `folder file ${i} ${"x".repeat(Math.floor(random() * 200))}` })
  }
  const later = Math.floor(size.folderFiles * 0.85)
  for (const file of folderKeys.slice(0, later)) await write(file.key, file.content)

  const poolLines: Array<string> = ["old_key,new_key\n"]
  const recordLines: Array<string> = ["uuid,row_id\n"]
  const poolLater = Math.floor(size.poolFiles * 0.9)
  const poolWrites: Array<{ key: string; content: string }> = []
  for (let i = 0; i < size.poolFiles; i++) {
    const uuid = deterministicUuid(99, i)
    const key = `files/${uuid}.pdf`
    // Some pool files are copies of client-folder files (identical-content evidence).
    const content = random() < 0.1 ? pick(folderKeys).content : `pool file ${i} ${"y".repeat(Math.floor(random() * 200))}`
    poolWrites.push({ key, content })
    const roll = random()
    if (roll < 0.3) poolLines.push(`${pick(withFolders)}/old/${i}.pdf,${key}\n`)
    else if (roll < 0.5) recordLines.push(`${uuid},${pick(ids)}\n`)
    else if (roll < 0.55) {
      poolLines.push(`${pick(withFolders)}/old/${i}.pdf,${key}\n`)
      recordLines.push(`${uuid},${pick(ids)}\n`)
    }
  }
  for (const file of poolWrites.slice(0, poolLater)) await write(file.key, file.content)
  const migrationLog = path.join(dir, "migration-log.csv")
  const records = path.join(dir, "records.csv")
  await fs.writeFile(migrationLog, poolLines.join(""))
  await fs.writeFile(records, recordLines.join(""))

  const flags = ["--clients", clientsFile, "--bucket", `file://${bucket}`, "--migration-log", migrationLog, "--records", records, "--quiet"]
  // The earlier run, then the objects that arrived since: the next run changes both files.
  runToEnd(["run", ...flags])
  for (const file of folderKeys.slice(later)) await write(file.key, file.content)
  for (const file of poolWrites.slice(poolLater)) await write(file.key, file.content)
  for (const name of await fs.readdir(live)) if (name !== "clients.csv" && name !== "clients.ledger.csv") await fs.rm(path.join(live, name))
  return {
    root: dir,
    live,
    clientsFile,
    ledgerFile,
    flags,
    oldClients: await fs.readFile(clientsFile),
    oldLedger: await fs.readFile(ledgerFile),
    clients: size.clients,
    objects: size.folderFiles + size.poolFiles
  }
}

/** Puts the live folder back to the old clients CSV and ledger, and nothing else. */
export const resetLive = async (scenario: CrashScenario): Promise<void> => {
  await fs.rm(scenario.live, { recursive: true, force: true })
  await fs.mkdir(scenario.live)
  await fs.writeFile(scenario.clientsFile, scenario.oldClients)
  await fs.writeFile(scenario.ledgerFile, scenario.oldLedger)
}
