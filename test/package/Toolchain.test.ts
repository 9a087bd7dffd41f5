/**
 * The suite runs on the project's own Node. `node` (Node 24) and `node22` (the package test's
 * Node 22) both provide a `node` command; a fresh `npm ci` gives node_modules/.bin/node to Node
 * 24, but an `npm install` that rebuilds only `node22` hands it to Node 22, and everything would
 * then quietly run on the older Node.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..", "..")

describe("toolchain", () => {
  it("runs on the Node that package.json pins as `node` (if not: npm rebuild node)", async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(root, "package.json"), "utf8"))
    expect(process.version, "node_modules/.bin/node is not the project's Node; run `npm rebuild node`").toBe(`v${pkg.devDependencies.node}`)
  })
})
