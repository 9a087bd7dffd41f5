import { describe, expect, it } from "vitest"
import { catalogueOf, poolIndexOf } from "../../src/pipeline/ObjectCatalogue.ts"
import { classifierOf } from "../../src/pipeline/Roster.ts"
import { client, object, stateOf, uuid } from "../support/StateBuilder.ts"

describe("catalogueOf", () => {
  const state = stateOf({
    clients: [client("502"), client("503")],
    objects: ["503/b.pdf", `files/${uuid(2)}.pdf`, "502/z.pdf", "misc/x.txt", "502/a.pdf", "files/readme.txt", "999/c.pdf"].map((key) => object(key))
  })

  it("lists the files of known clients' folders in key order, each with its row id and object", () => {
    const catalogue = catalogueOf(state.objects, classifierOf(state.clients, state.layout))
    expect(catalogue.folderKeys).toEqual(["502/a.pdf", "502/z.pdf", "503/b.pdf"])
    expect(catalogue.folderRowIds).toEqual(["502", "502", "503"])
    expect(catalogue.folderObjects.map((o) => o.key)).toEqual(catalogue.folderKeys)
    expect(catalogue.uuidPoolKeys).toEqual([`files/${uuid(2)}.pdf`])
  })

  it("is built once per listing and clients' row ids, whatever the tracking cells say", () => {
    const classify = classifierOf(state.clients, state.layout)
    const first = catalogueOf(state.objects, classify)
    expect(catalogueOf(state.objects, classifierOf(state.clients, state.layout))).toBe(first)
    expect(catalogueOf(new Map(state.objects), classify)).not.toBe(first)
    expect(catalogueOf(new Map(state.objects), classify)).toEqual(first)
  })
})

describe("poolIndexOf", () => {
  it("finds pool files by UUID, the first by key when two share one, in key order", () => {
    const objects = new Map(
      [`files/b/${uuid(1)}.pdf`, `files/a/${uuid(1)}.txt`, `files/${uuid(3)}`, `files/${uuid(2)}.pdf`, "files/readme.txt", `502/${uuid(4)}.pdf`].map((key) => [object(key).key, object(key)])
    )
    const pool = poolIndexOf(objects, "files/")
    expect([...pool]).toEqual([
      [uuid(2), `files/${uuid(2)}.pdf`],
      [uuid(3), `files/${uuid(3)}`],
      [uuid(1), `files/a/${uuid(1)}.txt`]
    ])
  })
})
