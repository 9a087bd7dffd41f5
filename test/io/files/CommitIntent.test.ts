/**
 * The commit record read back: what `writeCommitIntent` wrote decodes to the same intent, and
 * any record that is not exactly of that form is refused as damaged, naming the record.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { type CommitIntent, readCommitIntent, writeCommitIntent } from "../../../src/io/files/CommitIntent.ts"
import { Disk } from "../../../src/io/files/Disk.ts"
import { tempDir } from "../../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const sha = "ab".repeat(32)
const intent: CommitIntent = {
  nonce: "n1",
  created: "2024-05-01T12:00:00.000Z",
  files: [
    { file: "clients.ledger.csv", target: "/d/clients.ledger.csv", temp: "/d/.t1", backup: null, before: null, after: { size: 10, sha256: sha } },
    { file: "clients.csv", target: "/d/clients.csv", temp: "/d/.t2", backup: "/d/b/clients.csv", before: { size: 4, sha256: sha }, after: { size: 9, sha256: sha } }
  ]
}
const run = <A, E>(effect: Effect.Effect<A, E, Disk>) => Effect.runPromise(effect.pipe(Effect.provide(Disk.layerNode)))

describe("the commit record", () => {
  it("reads back what was written", async () => {
    const record = path.join(dir, "clients.csv.commit")
    await run(writeCommitIntent(record, intent))
    expect(await run(readCommitIntent(record))).toEqual(intent)
  })

  it("reads no record as none", async () => {
    expect(await run(readCommitIntent(path.join(dir, "clients.csv.commit")))).toBeUndefined()
  })

  const written = { version: 1, ...intent }
  it.each([
    ["not JSON", "{\"version\":1,"],
    ["another version", JSON.stringify({ ...written, version: 2 })],
    ["an empty nonce", JSON.stringify({ ...written, nonce: "" })],
    ["files that are not a list", JSON.stringify({ ...written, files: {} })],
    ["a digest that is not a sha256", JSON.stringify({ ...written, files: [{ ...intent.files[0], after: { size: 10, sha256: "AB" } }] })],
    ["a size that is not a whole number", JSON.stringify({ ...written, files: [{ ...intent.files[0], after: { size: 1.5, sha256: sha } }] })],
    ["a file without its temp file", JSON.stringify({ ...written, files: [{ ...intent.files[0], temp: undefined }] })]
  ])("refuses a record with %s as damaged, naming it", async (_, text) => {
    const record = path.join(dir, "clients.csv.commit")
    await fs.writeFile(record, text)
    const error = await run(Effect.flip(readCommitIntent(record)))
    expect(error.message).toContain(`The commit record "${record}" is damaged`)
  })
})
