// A Node script that maps uploads with plain promises: no Effect in sight.
import { PipelineInputError, runPipelinePromise } from "uuidmap"

// Client rows, from wherever you keep them. `tracked: false` means "not tracked yet".
const clients = [
  { rowId: "502", tracked: false, uuids: [] },
  { rowId: "503", tracked: false, uuids: [] }
]

// Any array, iterable or async iterable of objects: here, a listing that arrives one by one.
async function* listUploads() {
  yield { key: "502/Sam_Torode/resume.pdf", size: 1024, etag: "\"9e107d9d372bb6826bd81d3542a419d6\"", lastModified: "2024-05-01T10:00:00.000Z" }
  yield { key: "503/Ann_Lee/contract.docx", size: 2048, etag: "\"e4d909c290d0fb1ca068ffaddf22cbd0\"", lastModified: "2024-05-02T09:30:00.000Z" }
  yield { key: "misc/readme.txt", size: 12, etag: "\"d41d8cd98f00b204e9800998ecf8427e\"", lastModified: "2024-05-03T08:00:00.000Z" }
}

const first = await runPipelinePromise({ clients, objects: listUploads() })
for (const { after } of first.changes.ledger) {
  if (after !== null) console.log(`new ${after.uuid} ${after.key} -> ${after.rowId} (${after.status})`)
}
for (const { rowId, after } of first.changes.cells) console.log(`client ${rowId} now lists ${after.uuids.length} file(s)`)
for (const { kind, subject } of first.state.findings) console.log(`reported ${kind}: ${subject}`)

// Keep state.clients and state.ledger (plain data: JSON is fine) and hand them to the next run.
const saved = JSON.parse(JSON.stringify({ clients: first.state.clients, ledger: first.state.ledger }))
const second = await runPipelinePromise({ ...saved, objects: listUploads() })
console.log(`second run: ${second.changes.cells.length + second.changes.ledger.length} changes`)

// Bad input rejects with a PipelineInputError naming the value, before anything runs.
try {
  await runPipelinePromise({ clients: [{ rowId: "", tracked: false, uuids: [] }], objects: [] })
} catch (error) {
  if (!(error instanceof PipelineInputError)) throw error
  console.log(`refused (${error.reason}): ${error.message}`)
}
