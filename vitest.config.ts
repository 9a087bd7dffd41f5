import { defineConfig } from "vitest/config"

// s3rver's continuation tokens need the legacy OpenSSL provider; the flag is harmless elsewhere.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "property-tests/**/*.test.ts"],
    execArgv: ["--openssl-legacy-provider"],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
