"use server";
import { runSeminarListAction } from "@/app/_server/seminar-list-action";
import { MAX_CSV_BYTES } from "@/lib/links/names/csv";
import { deleteName, importNamesCsv, saveName } from "@/lib/links/names/store";
import { refreshSeminarIndex } from "@/lib/links/seminar-index";
import { formField, formOf } from "@/lib/http/form";

// An action is a public endpoint: any argument reads as a form (lib/http/form), ids stay short in paths.
const field = formField;

/** Several spellings, years or roles in one field: separated by "|" or by line breaks. */
const list = (text: string) =>
  text
    .split(/\r?\n|\|/)
    .map((s) => s.trim())
    .filter(Boolean);

const NAMES = { path: "names", anchor: "name" } as const;

/** Run a change of the name list; suggestions use the new list as soon as it is built (off the request thread). */
function act(form: FormData, run: (userId: string, seminarId: string) => Promise<Record<string, string | number> | void>): Promise<never> {
  return runSeminarListAction(form, NAMES, async (userId, seminarId) => {
    const result = await run(userId, seminarId);
    refreshSeminarIndex(seminarId);
    return result;
  });
}

export async function saveNameAction(form: FormData): Promise<void> {
  await act(form, async (userId, seminarId) => {
    await saveName(userId, seminarId, field(form, "entryId") || null, {
      kind: field(form, "kind"),
      de: list(field(form, "de")),
      en: list(field(form, "en")),
      ru: list(field(form, "ru")),
      years: list(field(form, "years")),
      roles: list(field(form, "roles")),
    });
  });
}

export async function deleteNameAction(form: FormData): Promise<void> {
  await act(form, (userId, seminarId) => deleteName(userId, seminarId, field(form, "entryId")));
}

export async function importNamesAction(form: FormData): Promise<void> {
  await act(form, async (userId, seminarId) => {
    const file = formOf(form).get("file");
    const { AppError } = await import("@/lib/errors");
    if (!(file instanceof Blob) || file.size === 0) throw new AppError("invalid-csv", { line: 1, problem: "csv-empty" });
    if (file.size > MAX_CSV_BYTES) throw new AppError("invalid-csv", { line: 1, problem: "csv-too-large", max: MAX_CSV_BYTES });
    const text = new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer());
    const { added, skipped, removed } = await importNamesCsv(userId, seminarId, text, field(form, "mode") === "replace" ? "replace" : "add");
    return { added, skipped, removed };
  });
}
