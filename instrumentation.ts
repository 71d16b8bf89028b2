// Next.js calls register() once per server process before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installLiveBus } = await import("./lib/live/install");
  installLiveBus();
  await installForwardedFilter();
}

/**
 * Every incoming request passes lib/http/forwarded before Next reads it: forwarded headers count only from a
 * configured proxy. Next's server gives no earlier hook into the raw request than the http server's
 * "request" event, so the filter wraps that event for every http(s) server of this process.
 */
async function installForwardedFilter() {
  const g = globalThis as unknown as { __synopseForwardedFilter?: boolean };
  if (g.__synopseForwardedFilter) return;
  g.__synopseForwardedFilter = true;
  const http = await import("node:http");
  const https = await import("node:https");
  const { dropUntrustedForwarded, proxyList } = await import("./lib/http/forwarded");
  const { trustedProxies } = await import("./lib/auth/proxies");
  const proxies = proxyList(trustedProxies());
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (this: InstanceType<typeof http.Server>, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as import("node:http").IncomingMessage;
        dropUntrustedForwarded(req.headers, req.socket?.remoteAddress, proxies);
      }
      return emit.call(this, event, ...args);
    } as typeof emit;
  }
}
