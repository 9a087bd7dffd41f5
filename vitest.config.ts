import { defineConfig } from "vitest/config"
import { SlowFilesFirst } from "./test/support/vitest/SlowFilesFirst.ts"

// s3rver's continuation tokens need the legacy OpenSSL provider; the flag is harmless elsewhere.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "property-tests/**/*.test.ts"],
    execArgv: ["--openssl-legacy-provider"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two workers on two cores: many files spend most of their time waiting for a child
    // process or a server, so vitest's default of one worker (cores - 1) leaves a core idle.
    maxWorkers: 2,
    isolate: false,
    sequence: { sequencer: SlowFilesFirst }
  }
})
