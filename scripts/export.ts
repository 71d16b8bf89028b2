// Export annotations as the named user sees them (same function as the app's download):
//   npm run export -- --seminar <id or invite code> --user <email> [--scope seminar|mine] [--format jsonld|csv|md] [--out file]
// Without --out the file goes to stdout.
import { writeFileSync } from "node:fs";
import { exportAnnotations, EXPORT_FORMATS, EXPORT_SCOPES, isExportFormat, isExportScope } from "@/lib/annotations/export";
import { parse, resolveSeminar, resolveUser, run, UsageError } from "./annotation-cli";

const USAGE = `usage: npm run export -- --seminar <id or invite code> --user <email> [--scope ${EXPORT_SCOPES.join("|")}] [--format ${EXPORT_FORMATS.join("|")}] [--out file]`;

run("export", async () => {
  const { values, positionals } = parse(
    process.argv.slice(2),
    {
      seminar: { type: "string" },
      user: { type: "string" },
      scope: { type: "string", default: "seminar" },
      format: { type: "string", default: "jsonld" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${USAGE}`);
  if (!values.seminar || !values.user) throw new UsageError(`--seminar and --user are required\n\n${USAGE}`);
  if (!isExportFormat(values.format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")} (got "${values.format}")`);
  if (!isExportScope(values.scope)) throw new UsageError(`--scope must be one of ${EXPORT_SCOPES.join(", ")} (got "${values.scope}")`);
  const seminar = await resolveSeminar(values.seminar);
  const user = await resolveUser(values.user);
  const file = await exportAnnotations(user.id, seminar.id, { scope: values.scope, format: values.format });
  if (values.out) {
    writeFileSync(values.out, file.body);
    console.error(`export: wrote ${values.out} (${file.contentType.split(";")[0]})`);
  } else {
    process.stdout.write(file.body);
  }
});
