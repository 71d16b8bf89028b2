// Creates an account from the command line — the first instructor of a new installation, say:
//   npm run user:create -- --email <address> --name "<full name>" [--password-stdin] [--seminar "<title>"]
// Without --password-stdin a random password is made and printed once. With --seminar the account also gets
// a new seminar holding every document of the corpus, as its instructor (as if it had created the seminar
// at /seminars), and the invite link is printed. Any account can create seminars in the app, so this is a
// convenience, not a privilege: it goes through better-auth exactly like the sign-up page.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { auth, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/server";
import { listDocuments } from "@/lib/content/store";
import { db } from "@/lib/db/client";
import { createSeminar } from "@/lib/seminars";
import { installSubscribers } from "@/lib/startup";
import { parse, run, UsageError } from "./annotation-cli";

const USAGE = `usage: npm run user:create -- --email <address> --name "<full name>" [--password-stdin] [--seminar "<title>"]`;

run("user:create", async () => {
  installSubscribers();
  const { values, positionals } = parse(
    process.argv.slice(2),
    {
      email: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      seminar: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${USAGE}`);
  const email = values.email?.trim().toLowerCase();
  const name = values.name?.trim();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || !name) throw new UsageError(`--email and --name are required\n\n${USAGE}`);
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) throw new UsageError(`an account with the email "${email}" exists already`);
  const password = values["password-stdin"] ? readFileSync(0, "utf8").replace(/\r?\n$/, "") : randomBytes(15).toString("base64url");
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new UsageError(`the password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
  const { user } = await auth().api.signUpEmail({ body: { email, name, password } });
  console.log(`user:create: account ${email} (${name}) created`);
  if (!values["password-stdin"]) console.log(`user:create: password (shown once, change it after signing in): ${password}`);
  if (values.seminar) {
    const seminar = await createSeminar(user.id, { title: values.seminar, documents: listDocuments().map((d) => d.slug) });
    const base = (process.env.BETTER_AUTH_URL ?? process.env.SYNOPSE_PUBLIC_URL ?? "").replace(/\/+$/, "");
    console.log(`user:create: seminar "${values.seminar}" (${seminar.id}), ${email} its instructor; invite link: ${base}/en/join/${seminar.inviteCode}`);
  }
});
