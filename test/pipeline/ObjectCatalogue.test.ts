import { describe, expect, it } from "vitest"
import { makeKeyClassifier } from "../../src/pipeline/ClassifyKey.ts"
import { catalogueObjects } from "../../src/pipeline/ObjectCatalogue.ts"
import { client, object, stateOf, uuid } from "../support/StateBuilder.ts"

describe("catalogueObjects", () => {
  const state = stateOf({
    clients: [client("502"), client("503")],
    objects: ["503/b.pdf", `files/${uuid(2)}.pdf`, "502/z.pdf", "misc/x.txt", "502/a.pdf", "files/readme.txt", "999/c.pdf"].map((key) => object(key))
  })
  const classify = makeKeyClassifier(new Set(["502", "503"]), state.layout)

  it("lists the files of known clients' folders in key order, each with its row id and object", () => {
    const catalogue = catalogueObjects(state.objects, classify, "files/")
    expect(catalogue.folderKeys).toEqual(["502/a.pdf", "502/z.pdf", "503/b.pdf"])
    expect(catalogue.folderRowIds).toEqual(["502", "502", "503"])
    expect(catalogue.folderObjects.map((o) => o.key)).toEqual(catalogue.folderKeys)
    expect(catalogue.uuidPoolKeys).toEqual([`files/${uuid(2)}.pdf`])
    expect(catalogue.poolUuids).toEqual([uuid(2)])
    expect(catalogue.poolObjects.map((o) => o.key)).toEqual(catalogue.poolKeys)
  })

  it("catalogues what the map holds at each call, not what it held at the first", () => {
    const objects = new Map(state.objects)
    const first = catalogueObjects(objects, classify, "files/")
    objects.set(object("502/b.pdf").key, object("502/b.pdf"))
    expect(catalogueObjects(objects, classify, "files/").folderKeys).toEqual(["502/a.pdf", "502/b.pdf", "502/z.pdf", "503/b.pdf"])
    expect(first.folderKeys).toEqual(["502/a.pdf", "502/z.pdf", "503/b.pdf"])
  })
})

describe("catalogueObjects: the pool", () => {
  it("finds pool files by UUID, the first by key when two share one, in key order", () => {
    const objects = new Map(
      [`files/b/${uuid(1)}.pdf`, `files/a/${uuid(1)}.txt`, `files/${uuid(3)}`, `files/${uuid(2)}.pdf`, "files/readme.txt", `502/${uuid(4)}.pdf`].map((key) => [object(key).key, object(key)])
    )
    const catalogue = catalogueObjects(objects, makeKeyClassifier(new Set(["502"]), { poolPrefix: "files/" }), "files/")
    expect(catalogue.poolKeys).toEqual([`files/${uuid(3)}`, `files/${uuid(2)}.pdf`, `files/a/${uuid(1)}.txt`, `files/b/${uuid(1)}.pdf`].sort())
    expect(catalogue.poolFirst).toEqual(catalogue.poolKeys.map((key) => key !== `files/b/${uuid(1)}.pdf`))
    expect([...catalogue.pool]).toEqual([
      [uuid(2), `files/${uuid(2)}.pdf`],
      [uuid(3), `files/${uuid(3)}`],
      [uuid(1), `files/a/${uuid(1)}.txt`]
    ])
  })
})

describe("catalogueObjects: an empty pool prefix", () => {
  it("takes every UUID-named key for a pool file, though none classifies as one", () => {
    const objects = new Map([`502/${uuid(4)}.pdf`, "502/a.pdf"].map((key) => [object(key).key, object(key)]))
    const catalogue = catalogueObjects(objects, makeKeyClassifier(new Set(["502"]), { poolPrefix: "" }), "")
    expect(catalogue.folderKeys).toEqual(["502/a.pdf", `502/${uuid(4)}.pdf`].sort())
    expect([...catalogue.pool]).toEqual([[uuid(4), `502/${uuid(4)}.pdf`]])
    expect(catalogue.uuidPoolKeys).toEqual([])
  })
})
