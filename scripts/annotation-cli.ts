/**
 * Shared by scripts/export.ts and scripts/import.ts: argument parsing and "who and where" lookups. The
 * command runs with the named user's own authorization (membership, visibility) — it is not an admin tool.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";

export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
}

/** A seminar by id or by invite code (the code is what instructors see and share). */
export async function resolveSeminar(idOrCode: string): Promise<{ id: string; title: string }> {
  const seminar =
    (await db().seminar.findUnique({ where: { id: idOrCode }, select: { id: true, title: true } })) ??
    (await db().seminar.findUnique({ where: { inviteCode: idOrCode }, select: { id: true, title: true } }));
  if (!seminar) throw new UsageError(`No seminar with id or invite code "${idOrCode}".`);
  return seminar;
}

export async function resolveUser(email: string): Promise<{ id: string; name: string }> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, name: true } });
  if (!user) throw new UsageError(`No user with email "${email}".`);
  return user;
}

/** Run a command: usage errors and typed app errors become one clear line on stderr and exit code 1. */
export function run(name: string, main: () => Promise<void>): void {
  main()
    .then(async () => {
      await db().$disconnect();
    })
    .catch(async (e) => {
      if (e instanceof UsageError) console.error(`${name}: ${e.message}`);
      else if (isAppError(e))
        console.error(
          `${name}: ${e.code === "not-found" ? "not found, or that user is not a member of the seminar" : e.code}${e.details ? ` ${JSON.stringify(e.details)}` : ""}`,
        );
      else console.error(`${name}: failed:`, e);
      await db()
        .$disconnect()
        .catch(() => undefined);
      process.exit(1);
    });
}
