// prisma/schema.prisma (SQLite) is the source; the PostgreSQL schema differs only in provider and url.
// Prisma allows one provider per schema file, so the second file is generated (and checked in).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const source = readFileSync("prisma/schema.prisma", "utf8");
const pg = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('url      = "file:./dev.db"', 'url      = "postgresql://localhost/synopse"')
  .replace('output     = "../generated/prisma"', 'output     = "../../generated/prisma"')
  .replace(/^\/\/ Source of truth.*\n.*\n/m, "// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.ts: do not edit.\n");
mkdirSync("prisma/postgres", { recursive: true });
writeFileSync("prisma/postgres/schema.prisma", pg);
