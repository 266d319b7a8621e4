import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { traceHeaders } from '../core/trace-context.ts';
import { describeImage, imageNameOf, isImageName, type ImageStore, type StoredImage } from './image-store.ts';

/** API.md §11: the bucket and how to reach it. */
export interface S3Settings {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

type S3Module = typeof import('@aws-sdk/client-s3');

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/**
 * Images in an S3 bucket (S3_BUCKET), shared by every instance; nothing touches the local disk.
 * Served by the API itself (visibility and caching headers hold), streamed from the bucket.
 */
export class S3ImageStore implements ImageStore {
  private constructor(private readonly s3: S3Module, private readonly client: S3Client, private readonly bucket: string) {}

  /** The AWS SDK is loaded only when a bucket is configured (it costs memory a local store never needs). */
  static async connect(settings: S3Settings): Promise<S3ImageStore> {
    const s3 = await import('@aws-sdk/client-s3');
    const client = new s3.S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
      ...(settings.endpoint && { endpoint: settings.endpoint }),
      ...(settings.accessKeyId && settings.secretAccessKey && {
        credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      }),
    });
    // API.md §13: every request to the bucket carries the trace of the work that sends it (before signing).
    client.middlewareStack.add((next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) Object.assign(request.headers, traceHeaders());
      return next(args);
    }, { step: 'build', name: 'smilecookTraceContext' });
    return new S3ImageStore(s3, client, settings.bucket);
  }

  async put(bytes: Buffer, extension: string, name = imageNameOf(bytes, extension)): Promise<string> {
    // The same name always holds the same bytes: writing it again changes nothing, so no existence check.
    await this.client.send(new this.s3.PutObjectCommand({
      Bucket: this.bucket, Key: name, Body: bytes, ContentType: describeImage(name).contentType, CacheControl: 'max-age=31536000, immutable',
    }));
    return name;
  }

  async open(name: string, options: { body: boolean }): Promise<StoredImage | null> {
    if (!isImageName(name)) return null;
    const key = { Bucket: this.bucket, Key: name };
    try {
      if (!options.body) {
        const head = await this.client.send(new this.s3.HeadObjectCommand(key));
        return { size: Number(head.ContentLength ?? 0), body: undefined };
      }
      const object = await this.client.send(new this.s3.GetObjectCommand(key));
      return { size: Number(object.ContentLength ?? 0), body: object.Body as Readable };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    if (isImageName(name)) await this.client.send(new this.s3.DeleteObjectCommand({ Bucket: this.bucket, Key: name }));
  }

  async ping(): Promise<void> {
    await this.client.send(new this.s3.HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(3_000) });
  }

  close(): void {
    this.client.destroy();
  }
}
