/**
 * The reverse proxies whose forwarded headers (X-Forwarded-For, -Host, -Proto) this server believes:
 * SYNOPSE_TRUSTED_PROXIES, a comma-separated list of addresses or CIDR ranges (e.g. "127.0.0.1,10.0.0.0/8").
 * Empty by default: then every forwarded header a client sends is dropped, and the socket's address is the
 * client's. Read on every call so tests can change it.
 */
export function trustedProxies(): string[] {
  return (process.env.SYNOPSE_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
