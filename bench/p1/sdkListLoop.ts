/**
 * The bare SDK baseline of the P1 benchmark: one sequential ListObjectsV2 loop over a bucket
 * (1,000 keys a page, continuation tokens), printing `{"objects": n, "requests": r}`. It does
 * nothing with the keys but count them.
 *
 *   node bench/p1/sdkListLoop.ts --endpoint http://127.0.0.1:PORT --bucket bench
 *
 * @module
 */
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3"
import { parseArgs } from "node:util"

const { values } = parseArgs({ options: { endpoint: { type: "string" }, bucket: { type: "string", default: "bench" } } })
const client = new S3Client({
  endpoint: values.endpoint!,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }
})
let objects = 0
let requests = 0
let token: string | undefined
do {
  const page = await client.send(new ListObjectsV2Command({ Bucket: values.bucket!, MaxKeys: 1000, ContinuationToken: token }))
  requests += 1
  objects += page.Contents?.length ?? 0
  token = page.IsTruncated === true ? page.NextContinuationToken : undefined
} while (token !== undefined)
client.destroy()
console.log(JSON.stringify({ objects, requests }))
