import { existsSync } from 'node:fs';
import path from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freshBucket } from './shared-stores.ts';
import type { TestServer } from './test-server.ts';

// The SDK warns once per process that its releases after January 2027 need Node 22 (README: "Images").
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The image tests run against both stores (API.md §11): DATA_DIR/uploads, and a real S3 server (s3rver). */
export const IMAGE_STORES = ['local directory', 'S3 bucket'] as const;
export type ImageStoreKind = (typeof IMAGE_STORES)[number];

export interface TestImageStore {
  kind: ImageStoreKind;
  /** Environment for the test server. */
  env: Record<string, string>;
  /** Whether the store holds a file of that name (looked up in the store itself, not through the API). */
  has(server: TestServer, name: string): Promise<boolean>;
  drop(): Promise<void>;
}

export async function testImageStore(kind: ImageStoreKind): Promise<TestImageStore> {
  if (kind === 'local directory') {
    return { kind, env: {}, has: async (server, name) => existsSync(path.join(server.config.dataDir, 'uploads', name)), drop: async () => {} };
  }
  const bucket = await freshBucket();
  const client = new S3Client({
    region: bucket.env.S3_REGION, endpoint: bucket.env.S3_ENDPOINT, forcePathStyle: true,
    credentials: { accessKeyId: bucket.env.S3_ACCESS_KEY_ID!, secretAccessKey: bucket.env.S3_SECRET_ACCESS_KEY! },
  });
  return {
    kind,
    env: bucket.env,
    async has(_server, name) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket.env.S3_BUCKET, Key: name }));
        return true;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },
    async drop() {
      client.destroy();
      await bucket.drop();
    },
  };
}
