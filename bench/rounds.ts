/** The scenarios, measured: prepared on every server, checked byte for byte, warmed up once, then rounds. */
import type { Discovery } from './discovery.ts';
import { identity, measure, prepareOn, warmUp, type Bench } from './measure.ts';
import type { ServerProcess } from './processes.ts';
import { median, type Row } from './report.ts';
import type { Scenario } from './scenarios.ts';

type Servers = Array<[Row['server'], ServerProcess | string]>;

export async function runScenarios(bench: Bench, selected: Scenario[], api: ServerProcess | string, baselines: Servers,
  discovery: (server: ServerProcess | string) => Discovery | undefined, afterLoginRound: () => void): Promise<Row[]> {
  const { options } = bench;
  const rows: Row[] = [];
  // Prepare every scenario on every server first, with the byte-identity check of each baseline.
  const plan = [];
  for (const scenario of selected) {
    const servers: Servers = [...(scenario.withBaseline ? baselines : []), ['API', api]];
    const prepared = new Map<Row['server'], Awaited<ReturnType<typeof prepareOn>>>();
    for (const [name, server] of servers) prepared.set(name, await prepareOn(scenario, server, discovery(server)));
    const notes = new Map<Row['server'], string>();
    for (const [name] of servers.filter(([n]) => n !== 'API')) notes.set(name, await identity(prepared.get(name)!, prepared.get('API')!));
    plan.push({ scenario, servers, prepared, notes });
  }
  // One warm-up pass over everything before the first measurement: otherwise the first scenario measures
  // a cold process (JIT, a heap still growing: page 1 cost the API 30 % more node CPU in round 1 than in round 2).
  console.log(`Warm-up pass: every scenario on every server for ${options.warmup} s`);
  for (const { scenario, servers, prepared } of plan) {
    if (scenario.id === 'login') continue; // argon2 needs no JIT, and it would only queue
    for (const [name] of servers) await warmUp(bench, prepared.get(name)!);
  }
  for (const { scenario, servers, prepared, notes } of plan) {
    if (scenario.reprepare) for (const [name, server] of servers) prepared.set(name, await prepareOn(scenario, server, discovery(server)));
    // Rounds alternate the servers, so that all see the same background load; the median round is kept.
    const rounds = servers.map((): Row[] => []);
    for (let round = 0; round < options.rounds; round++) {
      for (const [i, [name, server]] of servers.entries()) rounds[i]!.push(await measure(bench, scenario, name, server, prepared.get(name)!));
      if (scenario.id === 'login') afterLoginRound();
    }
    for (const [i, [name]] of servers.entries()) {
      const row = median(rounds[i]!);
      const note = notes.get(name) ?? ([...notes.values()].some((n) => n.includes('MISMATCH')) ? '**baseline MISMATCH** (see its row)' : '');
      rows.push(note ? { ...row, note: [row.note, note].filter(Boolean).join('; ') } : row);
    }
  }
  return rows;
}
