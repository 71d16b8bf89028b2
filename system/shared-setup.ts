/**
 * Playwright globalSetup for the shared-server journey: a private PostgreSQL (migrated, seeded) and two
 * app instances on it, A and B. Their addresses reach the tests through process.env (workers start after
 * this ran). Returns the teardown.
 */
import { privatePostgres, randomPort, seed, startApp } from "./harness";

export default async function globalSetup() {
  const pg = privatePostgres();
  try {
    pg.createMigratedDatabase("synopse");
    seed("postgresql", pg.url("synopse"));
    const portA = randomPort();
    const a = await startApp("postgresql", pg.url("synopse"), portA);
    const b = await startApp("postgresql", pg.url("synopse"), portA + 1);
    process.env.SHARED_A = a.base;
    process.env.SHARED_B = b.base;
    process.env.SHARED_DATABASE_URL = pg.url("synopse");
    return async () => {
      await Promise.all([a.kill(), b.kill()]);
      pg.destroy();
    };
  } catch (e) {
    pg.destroy();
    throw e;
  }
}
