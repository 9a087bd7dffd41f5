/**
 * The API docs hold to their rules. Every export of the package entry (`src/mod.ts`, as
 * `deno doc` reads it) has a description, exactly one `@category` and at least one example;
 * every example of a public symbol is titled, imports from "uuidmap" (never a relative path)
 * and asserts what it shows. Every module has a `@module` header, and every example anywhere in
 * `src/` is titled and asserts something, so none holds nothing but an import.
 *
 * The examples themselves are type-checked and run by `deno test --doc src/` in
 * `npm run test:deno`; the last tests here show that this command fails on an example that does
 * not compile and on one whose assertion fails.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..", "..")
const deno = path.join(root, "node_modules", ".bin", "deno")

const runDeno = (args: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(deno, args, { cwd: root, env: { ...process.env, NO_COLOR: "1" } })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

interface Tag {
  readonly kind: string
  readonly doc?: string
}
interface JsDoc {
  readonly doc?: string
  readonly tags?: ReadonlyArray<Tag>
}
interface Declaration {
  readonly kind: string
  readonly location: { readonly filename: string; readonly line: number }
  readonly jsDoc?: JsDoc
  readonly def?: { readonly properties?: ReadonlyArray<{ readonly name: string; readonly jsDoc?: JsDoc }> }
}
interface DocSymbol {
  readonly name: string
  readonly declarations: ReadonlyArray<Declaration>
}

const examplesOf = (jsDoc: JsDoc | undefined): ReadonlyArray<string> =>
  (jsDoc?.tags ?? []).filter((tag) => tag.kind === "example").map((tag) => tag.doc ?? "")

// An example's title is the text before its code fence: `@example Reading a ledger`.
const titleOf = (example: string): string => example.slice(0, example.indexOf("```")).trim()
const asserts = (code: string): boolean => /\bassert(?:\.\w+)?\(/.test(code)
const importsPackage = (code: string): boolean => /from "uuidmap"/.test(code)
const importsRelative = (code: string): boolean => /from "\.\.?\//.test(code)

const where = (declaration: Declaration): string =>
  `${path.relative(root, new URL(declaration.location.filename).pathname)}:${declaration.location.line}`

describe("the public API's docs", () => {
  let symbols: ReadonlyArray<DocSymbol> = []

  beforeAll(async () => {
    const result = await runDeno(["doc", "--json", "--no-npm", "src/mod.ts"])
    expect(result.code, result.stderr).toBe(0)
    const nodes = JSON.parse(result.stdout).nodes as Record<string, { symbols: ReadonlyArray<DocSymbol> }>
    symbols = nodes[new URL("src/mod.ts", `file://${root}/`).href]!.symbols
  })

  it("reads a public API of well over a hundred symbols", () => {
    expect(symbols.length).toBeGreaterThan(100)
  })

  it("describes every declaration and gives it exactly one @category", () => {
    const problems: Array<string> = []
    for (const symbol of symbols) {
      for (const declaration of symbol.declarations) {
        const categories = (declaration.jsDoc?.tags ?? []).filter((tag) => tag.kind === "category")
        if ((declaration.jsDoc?.doc ?? "").trim() === "") problems.push(`${symbol.name} (${where(declaration)}): no description`)
        if (categories.length !== 1) problems.push(`${symbol.name} (${where(declaration)}): ${categories.length} @category tags`)
      }
    }
    expect(problems).toEqual([])
  })

  it("names only public types in the signatures of public symbols", () => {
    const publicNames = new Set(symbols.map((symbol) => symbol.name))
    const problems: Array<string> = []
    const visit = (value: unknown, owner: string): void => {
      if (Array.isArray(value)) return value.forEach((item) => visit(item, owner))
      if (typeof value !== "object" || value === null) return
      const node = value as { kind?: unknown; value?: { typeName?: string; resolution?: { kind?: string; specifier?: string; name?: string } | null } }
      const resolution = node.kind === "typeRef" ? node.value?.resolution : undefined
      // Types of this package (a relative import, or a declaration of the same module); not effect's or the platform's.
      const local = resolution?.kind === "local" || (resolution?.kind === "import" && /^\.\.?\//.test(resolution.specifier ?? ""))
      const name = resolution?.kind === "import" ? resolution.name : node.value?.typeName
      if (local && name !== undefined && !publicNames.has(name)) problems.push(`${owner} names the private type ${name}`)
      for (const child of Object.values(value)) visit(child, owner)
    }
    for (const symbol of symbols) for (const declaration of symbol.declarations) visit(declaration.def, symbol.name)
    expect([...new Set(problems)]).toEqual([])
  })

  it("gives every symbol an example", () => {
    const missing = symbols
      .filter((symbol) => symbol.declarations.every((declaration) => examplesOf(declaration.jsDoc).length === 0))
      .map((symbol) => `${symbol.name} (${where(symbol.declarations[0]!)})`)
    expect(missing).toEqual([])
  })

  it("titles every example of a public symbol, imports from \"uuidmap\" and asserts a result", () => {
    const problems: Array<string> = []
    let checked = 0
    for (const symbol of symbols) {
      for (const declaration of symbol.declarations) {
        const members = (declaration.def?.properties ?? []).map((member) => ({ name: `${symbol.name}.${member.name}`, jsDoc: member.jsDoc }))
        for (const { name, jsDoc } of [{ name: symbol.name, jsDoc: declaration.jsDoc }, ...members]) {
          for (const example of examplesOf(jsDoc)) {
            checked++
            const label = `${name} (${where(declaration)})`
            if (titleOf(example) === "") problems.push(`${label}: an example without a title`)
            if (!importsPackage(example)) problems.push(`${label}: an example that does not import from "uuidmap"`)
            if (importsRelative(example)) problems.push(`${label}: an example with a relative import`)
            if (!asserts(example)) problems.push(`${label}: an example that asserts nothing`)
          }
        }
      }
    }
    expect(problems).toEqual([])
    expect(checked).toBeGreaterThan(symbols.length / 2)
  })
})

const sourceFiles = async (): Promise<ReadonlyArray<string>> =>
  (await fs.readdir(path.join(root, "src"), { recursive: true }))
    .filter((entry) => entry.endsWith(".ts"))
    .map((entry) => path.join("src", entry))
    .sort()

// Each `@example` of a doc comment: its title (the rest of the tag's line) and its code.
const examplesIn = (text: string): ReadonlyArray<{ readonly line: number; readonly title: string; readonly code: string }> =>
  [...text.matchAll(/^[ \t]*\* @example(.*)\n((?:[ \t]*\*(?! @).*\n)*)/gm)].map((match) => ({
    line: text.slice(0, match.index).split("\n").length,
    title: match[1]!.trim(),
    code: match[2]!
  }))

describe("every module's docs", () => {
  it("open with a @module header that says what the module is for", async () => {
    const problems: Array<string> = []
    for (const file of await sourceFiles()) {
      const text = await fs.readFile(path.join(root, file), "utf8")
      const header = /^\/\*\*\n([\s\S]*?)\*\//.exec(text)
      if (header === null) problems.push(`${file}: no header comment`)
      else if (!header[1]!.includes("@module")) problems.push(`${file}: the header comment has no @module tag`)
      else if (header[1]!.replace(/^\s*\* ?/gm, "").split("@module")[0]!.trim().length < 20) problems.push(`${file}: the header says nothing`)
    }
    expect(problems).toEqual([])
  })

  it("title every example and assert in it, internal modules included", async () => {
    const problems: Array<string> = []
    let examples = 0
    for (const file of await sourceFiles()) {
      for (const example of examplesIn(await fs.readFile(path.join(root, file), "utf8"))) {
        examples++
        if (example.title === "") problems.push(`${file}:${example.line}: an example without a title`)
        if (!example.code.includes("```")) problems.push(`${file}:${example.line}: an example without a code block`)
        if (!asserts(example.code)) problems.push(`${file}:${example.line}: an example that asserts nothing`)
      }
    }
    expect(problems).toEqual([])
    expect(examples).toBeGreaterThan(100)
  })
})

describe("npm run test:deno", () => {
  it("lints the public API with deno doc and type-checks and runs every example in src/", async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(root, "package.json"), "utf8"))
    expect(pkg.scripts["test:deno"]).toContain("deno doc --lint --no-npm -q src/mod.ts")
    expect(pkg.scripts["test:deno"]).toContain("deno test -A --doc --parallel src/")
    expect(JSON.parse(await fs.readFile(path.join(root, "deno.json"), "utf8")).imports).toEqual({ uuidmap: "./src/mod.ts" })
  })

  // The doc test as test:deno runs it, on a module of its own outside the source tree.
  const docTest = async (example: string) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-doctest-"))
    const file = path.join(dir, "Broken.ts")
    const body = example.split("\n").map((line) => ` * ${line}`).join("\n")
    await fs.writeFile(file, `/**\n * A module with one example.\n *\n * @example Broken\n * \`\`\`ts\n${body}\n * \`\`\`\n * @module\n */\nexport {}\n`)
    try {
      return await runDeno(["test", "-A", "--doc", "--config", path.join(root, "deno.json"), file])
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  }

  it("fails on an example that does not compile", async () => {
    const result = await docTest(`import { unsafeRowId } from "uuidmap"\nconst id: number = unsafeRowId("502")`)
    expect(result.code).not.toBe(0)
    expect(result.stdout + result.stderr).toMatch(/TS2322/)
  })

  it("fails on an example whose assertion fails, and passes the same example made true", async () => {
    const example = (expected: string) =>
      `import assert from "node:assert/strict"\nimport { unsafeRowId } from "uuidmap"\nassert.equal(unsafeRowId("502"), "${expected}")`
    const failing = await docTest(example("503"))
    expect(failing.code).not.toBe(0)
    expect(failing.stdout + failing.stderr).toContain("AssertionError")
    const passing = await docTest(example("502"))
    expect(passing.stdout + passing.stderr).toContain("1 passed | 0 failed")
    expect(passing.code).toBe(0)
  })
})
