import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { startCommand } from '../../bench/start-command.ts';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

/**
 * Docker does not run here, so the image is never built by the tests: this checks by reading that
 * deploy/app.Dockerfile builds the bundle at image build and runs exactly what `npm start` runs after
 * its build (test/deploy/container-shutdown.test.ts runs that command and stops it with SIGTERM).
 */
describe('deploy/app.Dockerfile: the bundle, run as npm start runs it', () => {
  const dockerfile = read('deploy/app.Dockerfile').replace(/\\\n\s*/g, ' ');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const start = startCommand(new URL('../../package.json', import.meta.url).pathname);
  const startScript = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;

  it('builds dist/ in a build stage, and installs only the production dependencies where it runs', () => {
    expect(stages).to.have.length(2);
    expect(stages[0]).to.match(/^RUN npm ci\b/m).and.match(/^RUN npm run build$/m);
    expect(stages[1]).to.match(/^RUN npm ci --omit=dev\b/m).and.match(/^COPY --from=build .*\/app\/dist \.\/dist$/m);
    expect(stages[1]).not.to.match(/npm (start|run)/);
  });

  it('runs node itself on the bundle with the flags and environment defaults of package.json start, stopped by SIGTERM', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(stages[1]!)![1]!) as string[];
    expect(cmd).to.deep.equal(['node', ...start.nodeArgs, start.script]);
    const env = Object.fromEntries([...(/^ENV (.*)$/m.exec(stages[1]!)?.[1] ?? '').matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    const defaults = Object.fromEntries([...startScript.matchAll(/(\w+)=\$\{\1:-([^}]*)\}/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(defaults)).to.have.members(Object.keys(start.env));
    expect(env).to.deep.equal(defaults);
    expect(stages[1]).to.match(/^STOPSIGNAL SIGTERM$/m);
  });
});
