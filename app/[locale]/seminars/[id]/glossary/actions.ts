"use server";
import { csvUploadText, importMode } from "@/app/_server/list-csv";
import { runSeminarListAction } from "@/app/_server/seminar-list-action";
import { formField, formOf } from "@/lib/http/form";
import { deleteGlossaryEntry, importGlossaryCsv, saveGlossaryEntry, startGlossaryFromLibrary } from "@/lib/links/glossary-store";
import { refreshSeminarIndex } from "@/lib/links/seminar-index";

// An action is a public endpoint: any argument reads as a form (lib/http/form), ids stay short in paths.
const field = formField;
/**
 * The table's search, sort and page travel with every form, so a save returns to the rows it came from; a refused
 * entry's terms come back into its form (terms are capped at 20 × 120 characters).
 */
const GLOSSARY = { path: "glossary", anchor: "entry", keep: ["q", "sort", "dir", "page"], returned: { fields: ["de", "en", "ru"], max: 2_600 } } as const;

/** One term per line (commas inside a term are allowed: "Volkskommissariat für Auswärtige Angelegenheiten"). */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function saveGlossaryEntryAction(form: FormData): Promise<void> {
  await runSeminarListAction(form, GLOSSARY, async (userId, seminarId) => {
    await saveGlossaryEntry(userId, seminarId, field(form, "entryId") || null, {
      de: lines(field(form, "de")),
      en: lines(field(form, "en")),
      ru: lines(field(form, "ru")),
    });
  });
}

export async function deleteGlossaryEntryAction(form: FormData): Promise<void> {
  await runSeminarListAction(form, GLOSSARY, (userId, seminarId) => deleteGlossaryEntry(userId, seminarId, field(form, "entryId")));
}

/** A whole list at once: suggestions use it as soon as it is built (off the request thread). */
const GLOSSARY_FILE = { path: "glossary", anchor: "entry", keep: ["q", "sort", "dir", "page"] } as const;

export async function importGlossaryAction(form: FormData): Promise<void> {
  await runSeminarListAction(form, GLOSSARY_FILE, async (userId, seminarId) => {
    const text = await csvUploadText(formOf(form).get("file"));
    const { added, skipped, removed } = await importGlossaryCsv(userId, seminarId, text, importMode(field(form, "mode")));
    refreshSeminarIndex(seminarId);
    return { added, skipped, removed };
  });
}

/** An empty glossary starts from the library's (content/seminar-data/glossary.csv). */
export async function startGlossaryFromLibraryAction(form: FormData): Promise<void> {
  await runSeminarListAction(form, GLOSSARY_FILE, async (userId, seminarId) => {
    const { added, skipped, removed } = await startGlossaryFromLibrary(userId, seminarId);
    refreshSeminarIndex(seminarId);
    return { added, skipped, removed };
  });
}
