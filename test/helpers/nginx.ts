/**
 * nginx (Debian's package) as the load balancer in front of gateway replicas, on a free loopback
 * port, with its own prefix directory. Where the binary is missing the tests that need it are
 * skipped with a loud message — unless REQUIRE_NGINX=1 (CI), where that fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** Whether nginx is installed; throws under REQUIRE_NGINX=1 when it is not. */
export function nginxAvailable(): boolean {
  const found = spawnSync(NGINX, ['-v'], { stdio: 'ignore' }).status === 0;
  if (!found && process.env.REQUIRE_NGINX === '1')
    throw new Error('REQUIRE_NGINX=1 but nginx is not installed (apt-get install -y nginx-light)');
  if (!found)
    console.warn(
      '\n!!! nginx not found: the multi-replica tests are SKIPPED. Install it (apt-get install -y nginx-light). !!!\n',
    );
  return found;
}

/** A running nginx. */
export interface TestNginx {
  url: string;
  /** The error log (upstream failures and retries are logged there). */
  errorLog(): string;
  /**
   * Takes a replica out of the balancing (`down`) and reloads, as a deployment's balancer does
   * before a replica is stopped (Kubernetes: readiness and the preStop pause): new requests go to
   * the others, requests already sent to it are finished by the old workers. Resolves once the
   * reloaded configuration is serving.
   */
  remove(upstream: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts nginx balancing over `upstreams` (host:port) as deploy/nginx/credit-gateway.conf does:
 * a replica that refuses the connection is passed over for the next (a request never sent is
 * safe to send elsewhere); a request already sent is not retried (GraphQL mutations are POSTs).
 */
export async function startNginx(upstreams: string[]): Promise<TestNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-nginx-'));
  mkdirSync(join(dir, 'logs'));
  const port = await freePort();
  const template = readFileSync(
    join(import.meta.dirname, '..', '..', 'deploy', 'nginx', 'credit-gateway.conf'),
    'utf8',
  );
  const site = template
    .replace(
      /^\s*server 127\.0\.0\.1:4000[^\n]*\n/m,
      upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;\n`).join(''),
    )
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  const conf = join(dir, 'nginx.conf');
  const write = (site: string): void =>
    writeFileSync(
      conf,
      `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} notice;
events { worker_connections 1024; }
http {
  access_log off;
  # A connection per client request: a reload (remove) closes the old workers' idle client
  # connections, and a client POST racing that close fails at the client, not at any replica.
  keepalive_timeout 0;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
${site}
}
`,
    );
  write(site);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (child.exitCode !== null || i > 100) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const readLog = (): string => {
    try {
      return readFileSync(join(dir, 'logs', 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  return {
    url,
    async remove(upstream) {
      const before = site;
      const after = before.replace(
        `server ${upstream} max_fails=1 fail_timeout=2s;`,
        `server ${upstream} down;`,
      );
      if (after === before) throw new Error(`no upstream ${upstream}`);
      write(after);
      child.kill('SIGHUP');
      // The master starts new workers with the new configuration and lets the old ones finish:
      // wait until the log says the reload was taken, then a moment for the new workers.
      for (let i = 0; i < 100 && !/reconfiguring|start worker process/.test(readLog()); i++)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
    },
    errorLog: () => readLog(),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGQUIT');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
