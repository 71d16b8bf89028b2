// Next.js calls register() once per server process before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installLiveBus } = await import("./lib/live/install");
  installLiveBus();
}
