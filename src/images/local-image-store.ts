import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { imageNameOf, isImageName, type ImageStore, type StoredImage } from './image-store.ts';

/** Images in a local directory (DATA_DIR/uploads): one instance only. Written atomically (temporary file, then rename). */
export class LocalImageStore implements ImageStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async put(bytes: Buffer, extension: string, name = imageNameOf(bytes, extension)): Promise<string> {
    const target = path.join(this.dir, name);
    if (await this.size(target) !== null) return name;
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

  async open(name: string, options: { body: boolean }): Promise<StoredImage | null> {
    if (!isImageName(name)) return null;
    const file = path.join(this.dir, name);
    const size = await this.size(file);
    if (size === null) return null;
    return { size, body: options.body ? createReadStream(file) : undefined };
  }

  async delete(name: string): Promise<void> {
    if (isImageName(name)) await rm(path.join(this.dir, name), { force: true });
  }

  async ping(): Promise<void> {
    await stat(this.dir);
  }

  private async size(file: string): Promise<number | null> {
    try {
      const info = await stat(file);
      return info.isFile() ? info.size : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
