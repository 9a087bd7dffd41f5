/**
 * Builds the npm package's `dist/` (run by `npm pack` through `prepack`): removes the old
 * output, so a module deleted from `src/` is never shipped, compiles with `tsconfig.build.json`,
 * and refuses output that still imports a `.ts` file, which Node would not run from
 * `node_modules`.
 *
 * @module
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const dist = path.join(root, "dist")

await fs.rm(dist, { recursive: true, force: true })
const tsc = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit"
})
if (tsc.status !== 0) {
  console.error(`TypeScript build failed (exit ${tsc.status ?? tsc.signal})`)
  process.exit(1)
}

// A relative specifier ending in .ts, in a static import/export or in import("…"). Lines of
// comments are skipped: the JSDoc examples keep their source imports.
const tsSpecifier = /(?:from\s*|import\s*\(\s*)["'](\.{1,2}\/[^"']*\.ts)["']/g
const isComment = (line: string) => /^\s*(?:\*|\/\/|\/\*)/.test(line)
const offences: Array<string> = []
let modules = 0
for (const entry of await fs.readdir(dist, { recursive: true })) {
  if (!entry.endsWith(".js")) continue
  modules++
  const lines = (await fs.readFile(path.join(dist, entry), "utf8")).split("\n")
  for (const line of lines.filter((line) => !isComment(line))) {
    for (const match of line.matchAll(tsSpecifier)) offences.push(`dist/${entry} imports "${match[1]}"`)
  }
}
if (offences.length > 0) {
  console.error(`The build left imports of .ts files:\n${offences.join("\n")}`)
  process.exit(1)
}
console.log(`Built ${modules} modules into dist/`)
