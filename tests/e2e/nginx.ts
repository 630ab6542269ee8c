import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';

/** The configuration operators are given (docs/DEPLOYMENT.md): the test runs that file, not a copy of it. */
const deployedConfig = fileURLToPath(new URL('../../docs/deploy/nginx.conf', import.meta.url));
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
/** Which node served a response: for the test only, so it can tell which node a page's WebSocket reached. */
export const UPSTREAM_HEADER = 'x-test-upstream';

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** Replaces what `pattern` matches in the deployed file, and fails loudly when the file no longer has it. */
function substitute(text: string, pattern: RegExp, replace: (match: string) => string): string {
  if (!pattern.test(text)) throw new Error(`docs/deploy/nginx.conf has no ${pattern}: update tests/e2e/nginx.ts`);
  return text.replace(pattern, replace);
}

/**
 * docs/deploy/nginx.conf with the nodes' addresses in its upstreams and a loopback port to listen on, plus
 * a header naming the node that answered. Every other line is the operators'.
 */
export function siteConfig(nodePorts: number[], listenPort: number): string {
  let text = fs.readFileSync(deployedConfig, 'utf8');
  // Each run of `server host:port params;` lines (one per upstream) becomes one line per node, same params.
  text = substitute(text, /(?:^ *server \S+:\d+[^;\n]*;\n)+/gm, (run) => {
    const [, indent, params] = /^( *)server \S+:\d+([^;\n]*);/.exec(run) ?? [];
    return nodePorts.map((port) => `${indent}server 127.0.0.1:${port}${params};\n`).join('');
  });
  text = substitute(text, /^( *)listen 80;$/m, () => `    listen 127.0.0.1:${listenPort};`);
  text = substitute(text, /^ *listen \[::\]:80;\n/m, () => '');
  return substitute(
    text,
    /^( *)server_name .*;$/m,
    () => `    server_name localhost;\n    add_header ${UPSTREAM_HEADER} $upstream_addr always;`,
  );
}

/** nginx in the foreground, as a child process, with its pid, logs and temp files in a directory of its own. */
export async function startNginx(nodePorts: number[], listenPort: number): Promise<Nginx> {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx is not installed at ${NGINX} (Debian: apt-get install -y nginx)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-nginx-'));
  fs.writeFileSync(path.join(dir, 'roundtable.conf'), siteConfig(nodePorts, listenPort));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  access_log ${dir}/access.log;`,
      ...temp.map((name) => `  ${name}_temp_path ${dir}/${name};`),
      `  include ${dir}/roundtable.conf;`,
      '}',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${listenPort}`;
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`nginx exited (${child.exitCode}): ${fs.readFileSync(`${dir}/error.log`, 'utf8')}`);
        }
        return fetch(`${url}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 10_000 },
    )
    .toBe(200);
  return {
    url,
    async stop() {
      // SIGQUIT is nginx's graceful stop, which WebSockets still open would hold up: SIGTERM, the fast one.
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
