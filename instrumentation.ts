// Next.js calls register() once per server process before it serves requests.
export async function register() {
  // Node-only modules are imported inside this test, so the edge build of this file leaves them out.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installLiveBus } = await import("./lib/live/install");
    installLiveBus();
    // Search indexing, notifications and live delivery subscribe to the writes (without them a write throws).
    const { installSubscribers } = await import("./lib/startup");
    installSubscribers();
    const { installIncomingFilter } = await import("./lib/http/incoming-filter");
    installIncomingFilter();
  }
}
