"use server";
import { csvUploadText, importMode } from "@/app/_server/list-csv";
import { runSeminarListAction } from "@/app/_server/seminar-list-action";
import { deleteName, importNamesCsv, saveName, startNamesFromLibrary } from "@/lib/links/names/store";
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
    const text = await csvUploadText(formOf(form).get("file"));
    const { added, skipped, removed } = await importNamesCsv(userId, seminarId, text, importMode(field(form, "mode")));
    return { added, skipped, removed };
  });
}

/** An empty list starts from the library's (content/seminar-data/names.csv). */
export async function startNamesFromLibraryAction(form: FormData): Promise<void> {
  await act(form, async (userId, seminarId) => {
    const { added, skipped, removed } = await startNamesFromLibrary(userId, seminarId);
    return { added, skipped, removed };
  });
}
