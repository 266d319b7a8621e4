import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { migrationList } from '../../src/db/migration-list.ts';

describe('migrations: the static list the server runs', () => {
  it('lists every migration file, in file-name order, under its file name and class', async () => {
    const files = readdirSync(new URL('../../src/db/migrations/', import.meta.url)).filter((name) => name.endsWith('.ts')).sort();
    expect(migrationList.map((migration) => migration.name)).to.deep.equal(files.map((name) => name.replace(/\.ts$/, '')));
    for (const { name, class: migration } of migrationList) {
      const module = await import(`../../src/db/migrations/${name}.ts`) as Record<string, unknown>;
      expect(module[name], `${name}.ts exports ${name}`).to.be.a('function');
      expect(migration.name, 'the class listed under that name').to.equal(name);
    }
  });
});
