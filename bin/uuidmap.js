#!/usr/bin/env node
// Entry for `npx uuidmap`: Node >= 22.19 (the project brings Node 24) runs the TypeScript sources directly.
import "../src/main.ts"
