import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.ts';

/** API.md §11 and §13: METRICS_PORT, the operations listener's port on HOST. */
describe('configuration: METRICS_PORT (unit)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-config-'));
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is off unless set, and any free port (0: one the system picks) when set', () => {
    expect(load({}).metricsPort).to.equal(undefined);
    expect(load({ METRICS_PORT: '' }).metricsPort).to.equal(undefined);
    expect(load({ METRICS_PORT: '9464' }).metricsPort).to.equal(9464);
    expect(load({ METRICS_PORT: '0', PORT: '0' }).metricsPort).to.equal(0);
  });

  it('refuses a value that is not a port, or the public port itself, naming the variable', () => {
    const refused: Array<Record<string, string>> = [
      { METRICS_PORT: 'metrics' }, { METRICS_PORT: '70000' }, { METRICS_PORT: '-1' }, { METRICS_PORT: '3000' }, { PORT: '8080', METRICS_PORT: '8080' },
    ];
    for (const env of refused) {
      expect(() => load(env), JSON.stringify(env)).to.throw(ConfigError, /METRICS_PORT/);
    }
  });
});
