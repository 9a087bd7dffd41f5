#!/usr/bin/env node
// Entry for `npx uuidmap`: Node >= 22.18 runs the TypeScript sources directly.
import "../src/main.ts"
