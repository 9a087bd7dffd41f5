/**
 * The cost of a run in one line: the store requests it sent (`--verbose`).
 *
 * @module
 */
import type { StoreRequests } from "../../io/store/ObjectStore.ts"

/**
 * Formats the requests a run sent.
 *
 * @category rendering
 */
export const formatRequests = (requests: StoreRequests): string =>
  `Requests: ${requests.list.toLocaleString("en")} list (ListObjectsV2), ${requests.head.toLocaleString("en")} head (HeadObject); a retry counts once more`
