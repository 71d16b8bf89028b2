import { PrismaClient } from "@/generated/prisma/client";
import { createAdapterFactory } from "./adapter";

// One client per process; kept on globalThis so dev-server reloads do not open new pools.
const g = globalThis as unknown as { __synopsePrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!g.__synopsePrisma) {
    g.__synopsePrisma = new PrismaClient({ adapter: createAdapterFactory() });
  }
  return g.__synopsePrisma;
}
