// Import W3C Web Annotation JSON-LD (a collection, one annotation, or an array) as the named user:
//   npm run import -- --seminar <id or invite code> --user <email> file.jsonld
// Passages are found again in the current texts; what cannot be placed is listed with its error code.
import { readFileSync } from "node:fs";
import { importAnnotations } from "@/lib/annotations/export";
import { installSubscribers } from "@/lib/startup";
import { parse, resolveSeminar, resolveUser, run, UsageError } from "./annotation-cli";

const USAGE = "usage: npm run import -- --seminar <id or invite code> --user <email> file.jsonld";

run("import", async () => {
  installSubscribers();
  const { values, positionals } = parse(
    process.argv.slice(2),
    { seminar: { type: "string" }, user: { type: "string" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.seminar || !values.user || positionals.length !== 1) throw new UsageError(`--seminar, --user and one file are required\n\n${USAGE}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(positionals[0], "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read ${positionals[0]} as JSON: ${(e as Error).message}`);
  }
  const seminar = await resolveSeminar(values.seminar);
  const user = await resolveUser(values.user);
  const result = await importAnnotations(user.id, seminar.id, json);
  console.log(JSON.stringify(result));
  console.error(`import: ${result.imported} imported into "${seminar.title}", ${result.skipped.length} skipped`);
});
