import { describe, expect, it } from "vitest"
import { makeKeyClassifier } from "../../src/pipeline/ClassifyKey.ts"

const layout = { poolPrefix: "files/" }

describe("makeKeyClassifier", () => {
  const classify = makeKeyClassifier(new Set(["502", "503"]), layout)

  it("puts keys under a known client's folder in that client's folder", () => {
    expect(classify("502/Sam_Torode/resume.pdf")).toEqual({ _tag: "ClientFolder", rowId: "502" })
  })

  it("reads the UUID of a pool object's name, with or without extension", () => {
    expect(classify("files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf")).toEqual({ _tag: "Pool", uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f" })
    expect(classify("files/3F2A9C4E-1B7D-4C1E-9F00-0A1B2C3D4E5F")).toEqual({ _tag: "Pool", uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f" })
  })

  it("marks a pool object whose name is not a UUID", () => {
    expect(classify("files/readme.txt")).toEqual({ _tag: "Pool", uuid: undefined })
  })

  it("tells folders of unknown clients from strays by the shape of the ids", () => {
    expect(classify("999/Someone/a.pdf")).toEqual({ _tag: "UnknownClientFolder", folder: "999" })
    expect(classify("misc/readme.txt")).toEqual({ _tag: "Stray" })
    expect(classify("top-level.txt")).toEqual({ _tag: "Stray" })
  })

  it("accepts any dot-free folder as a possible client when ids are not numeric", () => {
    const alpha = makeKeyClassifier(new Set(["C-1"]), layout)
    expect(alpha("C-2/a.pdf")).toEqual({ _tag: "UnknownClientFolder", folder: "C-2" })
    expect(alpha("backup.2020/a.pdf")).toEqual({ _tag: "Stray" })
  })

  it("lets the pool prefix win over a client called like the pool", () => {
    const odd = makeKeyClassifier(new Set(["files"]), layout)
    expect(odd("files/x.pdf")._tag).toBe("Pool")
  })
})
