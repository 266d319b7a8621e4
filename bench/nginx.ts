/**
 * A private nginx (Debian's 1.22) in front of the API instances, beside anything else on this machine:
 * `nginx -p <dir> -c <dir>/nginx.conf -g 'daemon off;'` with its pid, logs and temp paths in <dir>.
 * The upstream keeps idle connections to the instances (`keepalive`, HTTP/1.1, no Connection header),
 * as a production proxy would; no access log (its disk writes would be the proxy's largest cost here).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startExternal, type External } from './external-process.ts';

function config(dir: string, port: number, upstreams: string[]): string {
  return `# written by bench/nginx.ts
user root;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream smilecook {
${upstreams.map((address) => `    server ${address};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://smilecook;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_buffers 16 16k;
      proxy_max_temp_file_size 0;
    }
  }
}
`;
}

/** Starts nginx on `port`, balancing (round robin) over `upstreams` ("127.0.0.1:3001", …). */
export async function startNginx(port: number, upstreams: string[]): Promise<External & { url: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-nginx-'));
  writeFileSync(path.join(dir, 'nginx.conf'), config(dir, port, upstreams));
  const url = `http://127.0.0.1:${port}`;
  const nginx = await startExternal(`nginx → ${upstreams.length} instance(s)`, 'nginx',
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], `${url}/health`);
  return { ...nginx, url };
}
