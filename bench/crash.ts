/**
 * The kill harness at full strength: `npm run crash [-- --kills N --person N --seed S]`
 * (default 100 kills, 10 person edits, a random seed, printed so a failure can be replayed).
 * Builds the crash scenario (300 clients, 3,000 objects, evidence files), kills `uuidmap run`
 * and `uuidmap apply` with SIGKILL at random moments, checks every kill (see
 * test/crash/CrashHarness.ts), prints where the kills landed and how long it took, and exits 1
 * on any problem. The test suite runs the same harness with 10 kills (test/crash/Crash.test.ts).
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { runHarness } from "../test/crash/CrashHarness.ts"
import { buildCrashScenario } from "../test/crash/CrashScenario.ts"

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : Number(process.argv[index + 1])
}
const seed = option("seed", Math.floor(Math.random() * 2 ** 31))
const kills = option("kills", 100)
const personEdits = option("person", 10)
const verbose = process.argv.includes("--verbose")

const started = performance.now()
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-crash-"))
console.log(`seed ${seed}: ${kills} kills, ${personEdits} person edits, in ${dir}`)
try {
  const scenario = await buildCrashScenario(dir, seed)
  const built = performance.now()
  console.log(`scenario: ${scenario.clients} clients, ${scenario.objects} objects, built in ${((built - started) / 1000).toFixed(1)} s`)
  const report = await runHarness(scenario, { seed, kills, personEdits, log: verbose ? console.log : undefined })
  const seconds = (performance.now() - started) / 1000
  console.log(`uninterrupted: run ${Math.round(report.referenceMs.run)} ms, apply ${Math.round(report.referenceMs.apply)} ms`)
  const count = (predicate: (kill: (typeof report.kills)[number]) => boolean) => report.kills.filter(predicate).length
  console.log(`kills: ${count((kill) => kill.killed)} landed before the process ended (${count((kill) => kill.trigger === "commit")} aimed at the commit)`)
  const landings = new Map<string, number>()
  for (const kill of report.kills) landings.set(kill.landed, (landings.get(kill.landed) ?? 0) + 1)
  for (const [landed, times] of [...landings].sort()) console.log(`  ${landed}: ${times}`)
  console.log(`  the next run finished an interrupted commit: ${count((kill) => kill.recovered)}`)
  console.log(`person edits kept: ${report.personEdits}`)
  console.log(`total ${seconds.toFixed(1)} s`)
  if (report.problems.length > 0) {
    console.log(`${report.problems.length} problem(s):`)
    for (const problem of report.problems) console.log(`  ${problem}`)
    process.exitCode = 1
  } else {
    console.log("no problems")
  }
} finally {
  await fs.rm(dir, { recursive: true, force: true })
}
