#!/usr/bin/env node
// Fills in a deploy template (deploy/nginx.conf, deploy/varnish/smilecook.vcl) and prints it:
//   node deploy/render-template.mjs <template> NAME=value [NAME=value …] > rendered
// Rules (the same for every template, so the tests load exactly what operators run):
// - `{{NAME}}` is replaced by its value; a NAME given several times is a list, and a line holding
//   it is repeated once per value (one `server` line per upstream, one ACL entry per address).
// - Comment lines (the first non-blank character is `#`) are copied unchanged, so templates can
//   document their placeholders.
// - A placeholder without a value, or a value that names no placeholder, is an error: a typo
//   must never leave `{{…}}` in a running configuration.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function renderTemplate(text, values) {
  const used = new Set();
  const lines = text.split('\n').flatMap((line) => {
    if (/^\s*#/.test(line)) return [line];
    const names = [...line.matchAll(/\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]);
    let out = [line];
    for (const name of new Set(names)) {
      const list = values[name];
      if (!list || list.length === 0) throw new Error(`no value for {{${name}}}`);
      used.add(name);
      out = out.flatMap((l) => list.map((value) => l.replaceAll(`{{${name}}}`, value)));
    }
    return out;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`the template has no {{${unused.join('}}, {{')}}}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [template, ...assignments] = process.argv.slice(2);
  if (!template) {
    console.error('usage: render-template.mjs <template> NAME=value …');
    process.exit(2);
  }
  const values = {};
  for (const assignment of assignments) {
    const match = /^([A-Z0-9_]+)=(.*)$/s.exec(assignment);
    if (!match) {
      console.error(`not NAME=value: ${assignment}`);
      process.exit(2);
    }
    (values[match[1]] ??= []).push(match[2]);
  }
  try {
    process.stdout.write(renderTemplate(readFileSync(template, 'utf8'), values));
  } catch (error) {
    console.error(`${template}: ${error.message}`);
    process.exit(1);
  }
}
