// A Deno script that maps a folder of files with uuidmap from JSR: the local-folder store
// lists it, runPipeline maps it, and nothing is written.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { layerLocalFolder, ObjectStore, runPipeline, unsafeRowId, UuidGenerator } from "@uuidmap/uuidmap"

const bucket = await Deno.makeTempDir({ prefix: "uuidmap-deno-" })
const files: Record<string, string> = {
  "502/Sam_Torode/resume.pdf": "Sam's resume",
  "503/Ann_Lee/contract.docx": "Ann's contract",
  "misc/readme.txt": "not a client's"
}
for (const [key, content] of Object.entries(files)) {
  await Deno.mkdir(`${bucket}/${key.slice(0, key.lastIndexOf("/"))}`, { recursive: true })
  await Deno.writeTextFile(`${bucket}/${key}`, content)
}

const program = Effect.gen(function*() {
  const store = yield* ObjectStore
  return yield* runPipeline({
    clients: ["502", "503"].map((id) => ({ rowId: unsafeRowId(id), tracked: false, uuids: [] })),
    objects: store.list("")
  })
})

try {
  const result = await Effect.runPromise(
    program.pipe(Effect.provide(Layer.merge(layerLocalFolder(`file://${bucket}`), UuidGenerator.layerV4)))
  )
  for (const row of result.state.ledger) console.log(`${row.uuid} ${row.key} -> ${row.rowId} (${row.status})`)
  for (const finding of result.state.findings) console.log(`reported ${finding.kind}: ${finding.subject}`)
} finally {
  await Deno.remove(bucket, { recursive: true })
}
