/**
 * Writes a seeded scenario: `npm run bench -- generate --objects N --clients C --out DIR
 * [--seed S] [--folder] [--s3rver DIR] [--formats CSV,Parquet]`. `--folder` and `--s3rver`
 * write the bucket itself too (with real content; meant for small N).
 */
import { parseArgs } from "node:util"
import { generateScenario } from "./scenario/GenerateScenario.ts"

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "1000" },
    clients: { type: "string" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "bench-scenario" },
    folder: { type: "boolean", default: false },
    s3rver: { type: "string" },
    formats: { type: "string", default: "CSV,Parquet" }
  }
})
const objects = Number(values.objects)
const started = performance.now()
const generated = await generateScenario({
  objects,
  clients: Number(values.clients ?? Math.max(1, Math.floor(objects / 10))),
  seed: Number(values.seed),
  out: values.out,
  formats: values.formats.split(",").map((format) => (format.toLowerCase() === "csv" ? "CSV" : "Parquet")),
  withBodies: values.folder || values.s3rver !== undefined,
  folder: values.folder,
  ...(values.s3rver === undefined ? {} : { s3rverDirectory: values.s3rver })
})
console.log(JSON.stringify({ ...generated, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, null, 2))
