/**
 * A listing classifies each key once: the catalogue the listing fold collects as it reads is
 * the catalogue `buildRunIndex` would make from the objects it kept, for any listing (client
 * folders known and unknown, strays, UUID-named pool files, two pool files of one UUID, a key
 * listed twice, keys only the ledger knows) and either pool layout.
 */
import { describe, expect, it } from "vitest"
import type { ObjectKey } from "../../src/domain/ObjectKey.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { makeKeyClassifier } from "../../src/pipeline/ClassifyKey.ts"
import { catalogueObjects, finishCatalogue } from "../../src/pipeline/ObjectCatalogue.ts"
import { emptyListingFold, foldListing } from "../../src/program/ListingFold.ts"
import { fc } from "../arbitraries/fc.ts"

const uuids = ["3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f", "00000000-0000-4000-8000-000000000001", "AAAAAAAA-0000-4000-8000-000000000002"]
const keyArbitrary = fc.oneof(
  fc.constantFrom(...uuids).chain((uuid) => fc.constantFrom(`files/${uuid}.pdf`, `files/${uuid}`, `files/sub/${uuid}.txt`, `502/${uuid}.pdf`, `${uuid}.pdf`)),
  fc.tuple(fc.constantFrom("502", "503", "777", "misc", "files"), fc.constantFrom("a.pdf", "b/c.pdf", "readme.txt")).map(([folder, name]) => `${folder}/${name}`),
  fc.constantFrom("loose.txt", "files/not-a-uuid.pdf")
)

describe("the listing's catalogue", () => {
  it("is the catalogue of the objects the listing kept", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(keyArbitrary, fc.nat({ max: 3 })), { maxLength: 40 }),
        fc.array(keyArbitrary, { maxLength: 5 }),
        fc.constantFrom("files/", ""),
        (listed, ledgerKeys, poolPrefix) => {
          const known = new Set(["502", "503"])
          const layout = { poolPrefix }
          const fold = foldListing(known, layout, new Map(ledgerKeys.map((key) => [key, null])))
          let state = emptyListingFold()
          for (const [key, size] of listed) {
            const object: StoredObject = { key: key as ObjectKey, size, etag: `"${String(size).padStart(32, "0")}"`, lastModified: "2024-05-01T12:00:00.000Z" }
            state = fold(state, object)
          }
          const expected = catalogueObjects(state.objects, makeKeyClassifier(known, layout), poolPrefix)
          expect(finishCatalogue(state.parts, poolPrefix)).toEqual(expected)
        }
      ),
      { numRuns: 300 }
    )
  })
})
