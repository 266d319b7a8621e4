#!/usr/bin/env node
// Copies a deployment's image bucket to a directory and back (deploy/README.md, "Backup and restore"):
//   node deploy/bucket-backup.mjs dump <dir>       every object of S3_BUCKET into <dir>
//   node deploy/bucket-backup.mjs restore <dir>    every file of <dir> into S3_BUCKET
// with the instances' own S3_* variables (S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID,
// S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE) and nothing but the app's npm dependencies. Any S3 copy
// tool does the same (aws s3 sync, rclone, mc mirror); this one keeps each object's Content-Type and
// Cache-Control in <dir>/objects.json and is what test/deploy/restore-drill.test.ts runs.
// Images are content-addressed and never change: a dump into a directory that already holds a file
// skips it (so a daily dump copies only the new images), and restoring into a bucket that already
// holds some of them changes nothing (the same name always holds the same bytes).
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const s3 = await import('@aws-sdk/client-s3');

const MANIFEST = 'objects.json';
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function client() {
  const env = process.env;
  if (!env.S3_BUCKET) throw new Error('S3_BUCKET is not set');
  return new s3.S3Client({
    region: env.S3_REGION || 'us-east-1',
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' || env.S3_FORCE_PATH_STYLE === '1',
    ...(env.S3_ENDPOINT && { endpoint: env.S3_ENDPOINT }),
    ...(env.S3_ACCESS_KEY_ID && { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '' } }),
  });
}

async function dump(dir) {
  const bucket = process.env.S3_BUCKET;
  const api = client();
  mkdirSync(dir, { recursive: true });
  const manifestFile = path.join(dir, MANIFEST);
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  let copied = 0;
  let kept = 0;
  let token;
  do {
    const page = await api.send(new s3.ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const { Key: key, Size: size } of page.Contents ?? []) {
      if (!SAFE_KEY.test(key) || key === MANIFEST) throw new Error(`unexpected object name in the bucket: ${key}`);
      const file = path.join(dir, key);
      if (existsSync(file) && statSync(file).size === size && manifest[key]) {
        kept += 1;
        continue;
      }
      const object = await api.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key }));
      await pipeline(object.Body, createWriteStream(`${file}.part`));
      renameSync(`${file}.part`, file); // only complete files carry the object's name
      manifest[key] = { contentType: object.ContentType, cacheControl: object.CacheControl };
      copied += 1;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
  api.destroy();
  console.log(`${bucket} → ${dir}: ${copied} copied, ${kept} already there`);
}

async function restore(dir) {
  const bucket = process.env.S3_BUCKET;
  const api = client();
  const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8'));
  let copied = 0;
  for (const [key, meta] of Object.entries(manifest)) {
    if (!SAFE_KEY.test(key)) throw new Error(`unexpected object name in ${MANIFEST}: ${key}`);
    const body = readFileSync(path.join(dir, key));
    await api.send(new s3.PutObjectCommand({
      Bucket: bucket, Key: key, Body: body, ContentLength: body.length,
      ...(meta.contentType && { ContentType: meta.contentType }), ...(meta.cacheControl && { CacheControl: meta.cacheControl }),
    }));
    copied += 1;
  }
  api.destroy();
  console.log(`${dir} → ${bucket}: ${copied} objects`);
}

const [command, dir] = process.argv.slice(2);
if (!['dump', 'restore'].includes(command) || !dir) {
  console.error('usage: bucket-backup.mjs dump|restore <dir>   (with the instances\' S3_* variables)');
  process.exit(2);
}
try {
  await (command === 'dump' ? dump(dir) : restore(dir));
} catch (error) {
  console.error(`bucket-backup: ${error.message}`);
  process.exit(1);
}
