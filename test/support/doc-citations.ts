import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The `## §N …` sections of docs/API.md: their numbers (as written, `3`, `10`) and texts, subsections included. */
export function sections(docs: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = docs.split(/^(?=## )/m);
  for (const part of parts) {
    const number = /^## §(\d+) /.exec(part)?.[1];
    if (number) found.set(number, found.has(number) ? `${found.get(number)}\n<<duplicate>>` : part);
  }
  return found;
}

export interface Citation {
  where: string;
  section: string;
  /** The comment the citation stands in (its line, and the lines before and after, for a sentence that goes on). */
  text: string;
}

const CITATION = /API\.md §(\d+)(?:[–-]§(\d+))?((?:,? (?:and )?§\d+)*)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(file);
    return /\.(ts|js|mjs|vcl|conf|sh)$/.test(name) ? [file] : [];
  });
}

/** Every `API.md §N` (and `§N, §M`, `§N–§M`) cited under `dirs`, with the comment around it. */
export function citations(root: string, dirs: string[]): Citation[] {
  return dirs.flatMap((dir) => sourceFiles(path.join(root, dir))).flatMap((file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    return lines.flatMap((line, i) => [...line.matchAll(CITATION)].flatMap((match) => {
      const from = Number(match[1]);
      const to = match[2] ? Number(match[2]) : from;
      const more = [...(match[3] ?? '').matchAll(/§(\d+)/g)].map((m) => Number(m[1]));
      const numbers = [...Array.from({ length: to - from + 1 }, (_, k) => from + k), ...more];
      const where = `${path.relative(root, file)}:${i + 1}`;
      return numbers.map((n) => ({ where, section: String(n), text: `${lines[i - 1] ?? ''} ${line} ${lines[i + 1] ?? ''}` }));
    }));
  });
}

/**
 * What each section of docs/API.md is about, as stems a comment citing it uses: a citation whose
 * comment names none of its section's topics cites the wrong section (or says too little to tell).
 */
export const TOPICS: Record<string, string[]> = {
  1: ['media', 'negotiat', 'accept', 'representation', 'problem', 'error', 'body', 'json', 'href', 'link', 'embedded', 'schema', 'valid', 'content', 'cookie'],
  2: ['entry point', 'root', 'GET /'],
  3: ['account', 'regist', 'activation', 'token', 'login', 'logout', 'refresh', 'password', 'caller', 'authenticat', '401', 'email', 'session'],
  4: ['user', 'username', 'avatar', '`me`'],
  5: ['recipe', 'draft', 'publish', 'template', 'owner'],
  6: ['collection', 'list', 'page', 'search', 'sort', 'query'],
  7: ['image', 'cover', 'avatar', 'upload', 'MiB', 'pixel', 'edit-media'],
  8: ['cach', 'etag', '304', 'purge', 'if-match', 'revalidat', 'cache-control', 'validator'],
  9: ['browser', 'explorer', 'cors', 'html'],
  10: ['limit', 'rate', '503', 'database', 'retr', 'health', 'readiness', 'deep', 'nested', '100 kB'],
  11: ['configur', 'environment', 'variable', 'setting', 'DATA_DIR', 'S3_BUCKET', 'REDIS_URL', 'PUBLIC_BASE_URL', 'PORT', 'operator'],
  12: ['instance', 'shutdown', 'SIGTERM', 'interchangeable'],
  13: ['metric', 'trace', 'log', 'operat', 'prometheus'],
};

/** Whether a citing comment speaks of one of its section's topics. */
export function speaksOf(citation: Citation): boolean {
  const text = citation.text.toLowerCase();
  return (TOPICS[citation.section] ?? []).some((topic) => text.includes(topic.toLowerCase()));
}
