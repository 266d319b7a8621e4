/**
 * The audit's shape (issue 19, API.md §10), timed: one account uploads four 1 × 24 000 000 PNGs and four
 * 5000 × 5000 PNGs at once; as soon as the first of them is answered, another account uploads a 64 × 64
 * avatar and logs in. Printed: that account's upload and login alone and beside the load (median of
 * the rounds), and how long the heavy account's work took. The API runs as `npm start` runs it (the
 * bundle, UV_THREADPOOL_SIZE and all) on the embedded database, in a fresh DATA_DIR.
 *   node --import tsx bench/image-fairness.ts [--rounds 5] [--env "UV_THREADPOOL_SIZE=2"]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { prepare, startCommand } from './start-command.ts';

const root = path.resolve(import.meta.dirname, '..');
const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const rounds = Number(option('rounds', '5'));
const extraEnv = Object.fromEntries(option('env', '').split(/\s+/).filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2)));

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed) >>> 0);
  return Buffer.concat([head, typed, crc]);
}

/** The audit's PNG: 1 pixel wide, 24 000 000 high, about 90 KiB. */
function tallPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(24_000_000, 4);
  header[8] = 8;
  header[9] = 2;
  const pixels = zlib.deflateSync(Buffer.alloc(4 * 24_000_000), { level: 9 });
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const solid = (size: number) => sharp({ create: { width: size, height: size, channels: 3, background: '#c0392b' } }).png().toBuffer();

async function startApi(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const command = startCommand(path.join(root, 'package.json'));
  const env: Record<string, string | undefined> = {
    ...process.env, ...command.env, ...extraEnv, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', RATE_LIMIT_EXEMPT: '127.0.0.1',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...command.nodeArgs, command.script], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^Smilecook is ready: (http:\/\/\S+)\/ /.exec(line);
      if (ready) resolve(ready[1]!);
    });
    child.on('exit', () => reject(new Error('the server exited before it was ready')));
  });
  return { url, stop: () => new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGTERM'); }) };
}

const HAL = { Accept: 'application/hal+json', 'Content-Type': 'application/json' };
const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: HAL, body: JSON.stringify(body) });

interface Account { username: string; password: string; token: string; avatar: string }

/** Registers, activates (the link from the dev outbox), logs in, and finds the avatar's edit-media link. */
async function account(url: string, dataDir: string, name: string): Promise<Account> {
  const root = await (await fetch(`${url}/`, { headers: { Accept: 'application/prs.hal-forms+json' } })).json();
  const username = `${name}_${Date.now() % 100000}`;
  const password = `a long bench passphrase for ${username}`;
  await post(new URL(root._templates.register.target, url).href, { username, email: `${username}@example.test`, password });
  let link: string | undefined;
  while (!link) {
    const outbox = path.join(dataDir, 'outbox');
    const files = existsSync(outbox) ? readdirSync(outbox).filter((file) => file.endsWith('.txt')) : [];
    const texts = files.map((file) => readFileSync(path.join(outbox, file), 'utf8'));
    link = texts.find((text) => text.includes(`${username}@`))?.match(/https?:\/\/\S+\/activation\/\S+/)?.[0];
    if (!link) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await fetch(url + new URL(link).pathname, { method: 'POST' });
  const login = await (await post(new URL(root._templates.login.target, url).href, { username, password })).json();
  const token = login.access_token as string;
  const me = await (await fetch(new URL(login._links.me.href, url), { headers: { Accept: 'application/hal+json', Authorization: `Bearer ${token}` } })).json();
  return { username, password, token, avatar: new URL(me._links['edit-media'].href, url).href };
}

async function timed(work: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await work();
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-bench-fairness-'));
prepare(startCommand(path.join(root, 'package.json')), root);
const api = await startApi(dataDir);
try {
  const [heavy, light] = [await account(api.url, dataDir, 'heavy'), await account(api.url, dataDir, 'light')];
  const [tall, large, small] = [tallPng(), await solid(5000), await solid(64)];
  const upload = (who: Account, body: Buffer) => () => fetch(who.avatar, {
    method: 'PUT', headers: { Accept: 'application/hal+json', 'Content-Type': 'image/png', Authorization: `Bearer ${who.token}` }, body: new Uint8Array(body),
  });
  const loginOf = (who: Account) => async () => {
    const root = await (await fetch(`${api.url}/`, { headers: { Accept: 'application/prs.hal-forms+json' } })).json();
    return post(new URL(root._templates.login.target, api.url).href, { username: who.username, password: who.password });
  };
  const alone = { upload: [] as number[], login: [] as number[] };
  const beside = { upload: [] as number[], login: [] as number[], heavy: [] as number[], tall: [] as number[], statuses: new Set<string>() };
  for (let round = 0; round < rounds; round += 1) {
    alone.upload.push((await timed(upload(light, small))).ms);
    alone.login.push((await timed(loginOf(light))).ms);
    const started = performance.now();
    let first!: () => void;
    const firstDone = new Promise<void>((resolve) => (first = resolve));
    const heavyWork = Promise.all([
      ...Array.from({ length: 4 }, () => timed(upload(heavy, tall)).then((t) => {
        beside.tall.push(t.ms);
        beside.statuses.add(`tall ${t.status}`);
        first();
      })),
      ...Array.from({ length: 4 }, () => timed(upload(heavy, large)).then((t) => { beside.statuses.add(`large ${t.status}`); first(); })),
    ]).then(() => beside.heavy.push(performance.now() - started));
    await firstDone;
    const [u, l] = await Promise.all([timed(upload(light, small)), timed(loginOf(light))]);
    beside.upload.push(u.ms);
    beside.login.push(l.ms);
    beside.statuses.add(`small ${u.status}`).add(`login ${l.status}`);
    await heavyWork;
  }
  const ms = (values: number[]) => `${Math.round(median(values))} ms`;
  const pool = extraEnv.UV_THREADPOOL_SIZE ?? startCommand(path.join(root, 'package.json')).env.UV_THREADPOOL_SIZE;
  console.log(`\nimage fairness, ${rounds} rounds, UV_THREADPOOL_SIZE=${pool}`);
  console.log('| | alone | beside 4 tall + 4 large of another account |\n| --- | --- | --- |');
  console.log(`| 64×64 upload (median) | ${ms(alone.upload)} | ${ms(beside.upload)} (max ${Math.round(Math.max(...beside.upload))} ms) |`);
  console.log(`| login (median) | ${ms(alone.login)} | ${ms(beside.login)} (max ${Math.round(Math.max(...beside.login))} ms) |`);
  console.log(`| the heavy account's 8 uploads, all answered (median) | | ${ms(beside.heavy)} |`);
  console.log(`| one 1×24M PNG answered (median) | | ${ms(beside.tall)} |`);
  console.log(`statuses: ${[...beside.statuses].sort().join(', ')}`);
} finally {
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
