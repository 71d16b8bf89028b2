/**
 * Forwarded headers (X-Forwarded-For, -Host, -Proto, -Port, X-Real-IP, Forwarded) are believed only from a
 * configured reverse proxy (SYNOPSE_TRUSTED_PROXIES, lib/auth/proxies). From anyone else they are dropped
 * before Next sees the request; Next then fills them in from the socket itself (the peer's address, the
 * Host header, http or https). So a client cannot pick the address the sign-in limit counts, nor the host
 * or scheme that origin checks compare against. Node's BlockList does the address and CIDR matching.
 */
import { BlockList, isIPv4, isIPv6 } from "node:net";

const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

export function proxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const type = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
    if (!type) continue; // not an address: ignored rather than trusting something unintended
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function isTrusted(list: BlockList, peer: string | undefined): boolean {
  if (!peer) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(peer)?.[1];
  if (mapped) return list.check(mapped, "ipv4") || list.check(peer, "ipv6");
  return isIPv4(peer) ? list.check(peer, "ipv4") : isIPv6(peer) ? list.check(peer, "ipv6") : false;
}

/** Drop the forwarded headers of a request whose peer is not a trusted proxy (mutates the Node headers). */
export function dropUntrustedForwarded(headers: Record<string, string | string[] | undefined>, peer: string | undefined, proxies: BlockList): void {
  if (isTrusted(proxies, peer)) return;
  for (const name of FORWARDED) delete headers[name];
}
