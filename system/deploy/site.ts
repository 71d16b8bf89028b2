/**
 * The deployment test's view of deploy/: the nginx site templated for a private instance on loopback (only
 * its listen ports, upstream servers and certificate paths change; every other line is the file an
 * administrator copies), the settings file as parsed by systemd/`set -a; .`, and the unit's command line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const DEPLOY = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..", "deploy");

export interface SiteTemplate {
  /** Plain-HTTP port (the site's `listen 80`), HTTPS port (its `listen 443 ssl http2`). */
  httpPort: number;
  httpsPort: number;
  upstreamPorts: number[];
  certificate: string;
  key: string;
}

/** deploy/nginx/synopse.conf for this test; throws if the file no longer has the shape it templates. */
export function templateSite(conf: string, t: SiteTemplate): string {
  let upstreamLines = 0;
  const counts = { http: 0, https: 0, v6: 0, cert: 0, key: 0 };
  const out: string[] = [];
  for (const line of conf.split("\n")) {
    const indent = /^\s*/.exec(line)![0];
    if (/^\s*server 127\.0\.0\.1:\d+;/.test(line)) {
      if (upstreamLines++ === 0) for (const p of t.upstreamPorts) out.push(`${indent}server 127.0.0.1:${p};`);
    } else if (/^\s*listen 80;\s*$/.test(line)) {
      counts.http++;
      out.push(`${indent}listen 127.0.0.1:${t.httpPort};`);
    } else if (/^\s*listen 443 ssl http2;\s*$/.test(line)) {
      counts.https++;
      out.push(`${indent}listen 127.0.0.1:${t.httpsPort} ssl http2;`);
    } else if (/^\s*listen \[::\]:(80|443)\b/.test(line)) {
      counts.v6++; // loopback IPv4 only here
    } else if (/^\s*ssl_certificate\s/.test(line)) {
      counts.cert++;
      out.push(`${indent}ssl_certificate     ${t.certificate};`);
    } else if (/^\s*ssl_certificate_key\s/.test(line)) {
      counts.key++;
      out.push(`${indent}ssl_certificate_key ${t.key};`);
    } else out.push(line);
  }
  const expected = { http: 1, https: 1, v6: 2, cert: 1, key: 1 };
  if (upstreamLines === 0 || JSON.stringify(counts) !== JSON.stringify(expected)) {
    throw new Error(
      `deploy/nginx/synopse.conf changed shape: upstream servers ${upstreamLines}, listen/cert lines ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`,
    );
  }
  return out.join("\n");
}

/** KEY=value lines as systemd's EnvironmentFile (and `set -a; . file`) read deploy/synopse.env. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`deploy/synopse.env: not KEY=value: ${line}`);
    env[m[1]] = m[2];
  }
  return env;
}

/** The unit's ExecStart for one instance (%i = its port) and its WorkingDirectory. */
export function unitCommand(unit: string, port: number): { argv: string[]; workingDirectory: string } {
  const exec = /^ExecStart=(.+)$/m.exec(unit)?.[1];
  const dir = /^WorkingDirectory=(.+)$/m.exec(unit)?.[1];
  if (!exec || !dir) throw new Error("deploy/systemd/synopse@.service: no ExecStart or WorkingDirectory");
  return { argv: exec.replaceAll("%i", String(port)).split(/\s+/), workingDirectory: dir };
}

export const readDeploy = (file: string) => readFileSync(path.join(DEPLOY, file), "utf8");
