/**
 * The order vitest starts test files in: the known slow files first, the longest first, then
 * the rest in vitest's own order (its timing cache when there is one, else larger files
 * first). A fresh clone has no timing cache, so without this a 40-second file could start
 * last and leave the other worker idle while it runs.
 *
 * @module
 */
import { BaseSequencer, type TestSpecification } from "vitest/node"

// Measured with `npx vitest run --reporter=json`, slowest first. A file missing from the list
// still runs, only later; a name here that no longer exists is ignored.
export const slowFiles: ReadonlyArray<string> = [
  "test/cli/RunS3IssueLayoutMetadata.test.ts",
  "test/crash/Crash.test.ts",
  "test/cli/RunS3IssueLayout.test.ts",
  "test/docs/ApiDocs.test.ts",
  "test/cli/VerifyCommand.test.ts",
  "test/cli/PlanApply.test.ts",
  "test/program/RunS3Faults.test.ts",
  "test/cli/NoSecrets.test.ts",
  "test/cli/RunInventory.test.ts",
  "test/package/PackedPackage.test.ts",
  "test/corpus/CorpusRun.test.ts",
  "test/io/store/s3/S3Store.faults.test.ts",
  "test/cli/RunWriteSafety.test.ts",
  "test/cli/RunCommand.test.ts",
  "test/cli/RunInventoryS3.test.ts",
  "test/cli/RunBadInput.test.ts",
  "test/cli/RunS3MetadataReadings.test.ts"
]

const rank = (spec: TestSpecification): number => {
  const index = slowFiles.findIndex((file) => spec.moduleId.endsWith(`/${file}`))
  return index === -1 ? slowFiles.length : index
}

/** Starts the slow files first; vitest's own order otherwise. */
export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: Array<TestSpecification>): Promise<Array<TestSpecification>> {
    const sorted = await super.sort(files)
    // Array.prototype.sort is stable, so files of equal rank keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b))
  }
}
