/**
 * P3, growth: the P2 run at 100,000 objects (10,000 clients) and at 1,000,000 (100,000
 * clients), on the CSV and the Parquet report. Target: time(1M) / time(100k) <= 11.
 * `npm run bench -- p3 [--small N] [--large N] [--runs R] [--formats CSV,Parquet]`
 */
import { parseArgs } from "node:util"
import { loadNote } from "./inventory/Figures.ts"
import { type Format, measureEndToEnd, printEndToEnd, scenarioDir, scenarioIn } from "./inventory/EndToEnd.ts"

const { values } = parseArgs({
  options: {
    small: { type: "string", default: "100000" },
    large: { type: "string", default: "1000000" },
    runs: { type: "string", default: "5" },
    formats: { type: "string", default: "CSV,Parquet" }
  }
})
console.log(`P3 growth; ${await loadNote()}`)
const sizes = [Number(values.small), Number(values.large)]
const scenarios = await Promise.all(sizes.map((objects) => scenarioIn(scenarioDir(objects, objects / 10), objects, objects / 10)))
for (const format of values.formats.split(",") as Array<Format>) {
  const [small, large] = [
    await measureEndToEnd(scenarios[0]!, sizes[0]! / 10, format, Number(values.runs)),
    await measureEndToEnd(scenarios[1]!, sizes[1]! / 10, format, Number(values.runs))
  ]
  printEndToEnd("P3", small!)
  printEndToEnd("P3", large!)
  const growth = large!.uuidmap.median / small!.uuidmap.median
  console.log(`  time(${sizes[1]!.toLocaleString("en")}) / time(${sizes[0]!.toLocaleString("en")}) (medians): ${growth.toFixed(2)} (target <= 11: ${growth <= 11 ? "met" : "MISSED"})`)
}
