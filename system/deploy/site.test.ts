import { describe, expect, it } from "vitest";
import { parseEnvFile, readDeploy, templateSite, unitCommand } from "./site";

// What the deployment test changes in deploy/'s files, and nothing more.
describe("deploy/ as the deployment test reads it", () => {
  const conf = readDeploy("nginx/synopse.conf");
  const t = { httpPort: 8081, httpsPort: 8443, upstreamPorts: [4001, 4002, 4003], certificate: "/etc/ssl/synopse/c.pem", key: "/etc/ssl/synopse/k.pem" };

  it("templates the nginx site only in ports, upstream servers and certificate paths", () => {
    const out = templateSite(conf, t);
    const kept = (text: string) => text.split("\n").filter((l) => !/^\s*(server 127\.0\.0\.1:|listen |ssl_certificate)/.test(l));
    expect(kept(out)).toEqual(kept(conf));
    expect(out).toContain("listen 127.0.0.1:8443 ssl http2;");
    expect(out.match(/server 127\.0\.0\.1:\d+;/g)).toEqual(["server 127.0.0.1:4001;", "server 127.0.0.1:4002;", "server 127.0.0.1:4003;"]);
    expect(out).not.toContain("[::]");
  });

  it("refuses a site whose shape it does not know", () => {
    expect(() => templateSite(conf.replace("listen 443 ssl http2;", "listen 443 ssl;"), t)).toThrow(/changed shape/);
  });

  it("the site sets what the app needs behind a proxy", () => {
    expect(conf).toMatch(/proxy_set_header Host \$http_host;/);
    expect(conf).toMatch(/client_max_body_size 25m;/);
    expect(conf).toMatch(/proxy_buffering off;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
  });

  it("the settings file parses as KEY=value lines with the required settings", () => {
    const env = parseEnvFile(readDeploy("synopse.env"));
    for (const key of ["DATABASE_PROVIDER", "DATABASE_URL", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL", "SYNOPSE_PUBLIC_URL"]) expect(env[key], key).toBeTruthy();
    expect(env.DATABASE_PROVIDER).toBe("postgresql");
  });

  it("the unit starts an instance on 127.0.0.1 at the port it is named after", () => {
    const { argv } = unitCommand(readDeploy("systemd/synopse@.service"), 3005);
    expect(argv.join(" ")).toMatch(/ start --hostname 127\.0\.0\.1 --port 3005$/);
  });
});
