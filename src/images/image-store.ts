import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Stored names: the sha256 of the stored bytes and the extension of their format — nothing else. */
const FILE_NAME = /^[0-9a-f]{64}\.(webp|jpg|png)$/;

const CONTENT_TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

export interface StoredImage {
  bytes: Buffer;
  contentType: string;
  /** Strong: the name is the hash of the bytes. */
  etag: string;
}

/**
 * Images on disk (DATA_DIR/uploads), content-addressed: the same bytes always get the same name,
 * so a name never changes meaning and two recipes with the same picture share one file.
 *
 * Files are never deleted here. A file no longer referenced by any user or recipe is not served
 * (GET /images/… answers 404 unless a row references it), so keeping it costs only disk space, and
 * deleting safely would need coordination with a concurrent upload of the same bytes (its row is
 * not committed yet when ours is). Orphans can be swept offline: every name not found in
 * users.avatar or recipes.cover.
 */
export class ImageStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  static isValidName(name: string): boolean {
    return FILE_NAME.test(name);
  }

  /** Writes the bytes (atomically: temporary file, then rename) unless they are stored already; resolves to the name. */
  async put(bytes: Buffer, extension: string): Promise<string> {
    const name = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
    if (!ImageStore.isValidName(name)) throw new Error(`unsupported image extension: ${extension}`);
    const target = path.join(this.dir, name);
    if (await this.exists(target)) return name;
    const temporary = path.join(this.dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return name;
  }

  /** The stored image, or null when there is no such (valid) name on disk. */
  async get(name: string): Promise<StoredImage | null> {
    if (!ImageStore.isValidName(name)) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(this.dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const [hash, extension] = name.split('.') as [string, string];
    return { bytes, contentType: CONTENT_TYPES[extension]!, etag: `"${hash}"` };
  }

  private async exists(file: string): Promise<boolean> {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  }
}
