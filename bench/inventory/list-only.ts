/**
 * uuidmap's own reading of an inventory and nothing else: the inventory store's `list`,
 * counted (MD5 checks, gunzip, csv-parse or hyparquet, form decoding, row checks, objects
 * built). Run as a child by `bench/inventory-read.ts` next to the floor.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { makeInventoryStore } from "../../src/io/inventory/InventoryStore.ts"

const url = process.argv[2]!
const count = await Effect.runPromise(Effect.scoped(Effect.flatMap(makeInventoryStore({ url, storePrefix: "" }), (store) => Stream.runCount(store.list("")))))
console.log(count)
