import { describe, expect, it } from "vitest"
import { cli } from "../../src/cli/Cli.ts"
import { checkEnvironment, flagOrigin } from "../../src/cli/EnvironmentCheck.ts"

// Importing the command tree registers every flag's variable.
expect(cli).toBeDefined()

describe("UUIDMAP_* variables", () => {
  const refused: ReadonlyArray<readonly [string, string, string]> = [
    ["UUIDMAP_CONCURRENCY", "abc", "expected a whole number of at least 1 (it sets --concurrency)"],
    ["UUIDMAP_CONCURRENCY", "-2", "expected a whole number of at least 1"],
    ["UUIDMAP_MAX_ATTEMPTS", "1.5", "expected a whole number of at least 1 (it sets --max-attempts)"],
    ["UUIDMAP_PHASE", "4", `expected one of "1", "2", "3", "all" (it sets --phase)`],
    ["UUIDMAP_ENCODING", "latin1", `expected one of "utf-8", "windows-1252"`],
    ["UUIDMAP_UUID_VERSION", "5", `expected one of "4", "7"`],
    ["UUIDMAP_FORMAT", "xml", "expected one of"],
    ["UUIDMAP_QUIET", "TRUE!", "expected true or false"],
    ["UUIDMAP_DETAILED_EXITCODE", "maybe", "expected true or false"],
    ["UUIDMAP_BUCKET", "gs://bucket", "expected s3://NAME[/PREFIX] or file:///DIR"],
    ["UUIDMAP_DELIMITER", "|", "expected , ; or tab"],
    ["UUIDMAP_CLIENTS", "", "expected a value"]
  ]
  for (const [variable, value, expected] of refused) {
    it(`refuses ${variable}=${JSON.stringify(value)}, naming the variable, the value and what it expects`, () => {
      const error = checkEnvironment({ [variable]: value })
      expect(error?.reason).toBe("BadFlag")
      expect(error?.message).toContain(`${variable} is ${JSON.stringify(value)}; `)
      expect(error?.message).toContain(expected)
    })
  }

  it("accepts good values and ignores variables no flag reads", () => {
    expect(checkEnvironment({ UUIDMAP_CONCURRENCY: "16", UUIDMAP_PHASE: "all", UUIDMAP_QUIET: "yes", UUIDMAP_BUCKET: "file:///x", UUIDMAP_OTHER: "!" })).toBeUndefined()
  })

  it("names where a value came from: the flag when given, else its variable", () => {
    expect(flagOrigin("bucket", ["node", "main.ts", "run"], { UUIDMAP_BUCKET: "x" })).toBe("UUIDMAP_BUCKET")
    expect(flagOrigin("bucket", ["node", "main.ts", "run", "--bucket", "x"], { UUIDMAP_BUCKET: "y" })).toBe("--bucket")
    expect(flagOrigin("bucket", ["node", "main.ts", "run", "--bucket=x"], {})).toBe("--bucket")
    expect(flagOrigin("concurrency", ["node"], {})).toBe("--concurrency")
  })
})
