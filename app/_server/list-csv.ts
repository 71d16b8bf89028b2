import { AppError } from "@/lib/errors";
import { readBody } from "@/lib/http/body";
import { handle, jsonResponse, requireUser } from "@/lib/http/respond";
import { refreshSeminarIndex } from "@/lib/links/seminar-index";
import { decodeCsvBytes, ListCsvError, MAX_CSV_BYTES } from "@/lib/links/list-csv";

/**
 * A seminar list's CSV file as text, from a page's upload (a form's File) or an API request's body (read as a
 * stream under the cap). Empty or not UTF-8 is AppError "invalid-csv" with line 1 and the reason (422; the page
 * translates it as "Line 1: …"); too large is the same for an upload, and 413 "body-too-large" for a request
 * body, refused as soon as the cap is crossed.
 */
export async function csvUploadText(source: FormDataEntryValue | Request | null): Promise<string> {
  try {
    if (source instanceof Request) {
      const bytes = await readBody(source, { maxBytes: MAX_CSV_BYTES });
      if (bytes.byteLength === 0) throw new ListCsvError(1, "csv-empty");
      return decodeCsvBytes(bytes);
    }
    if (!(source instanceof Blob) || source.size === 0) throw new ListCsvError(1, "csv-empty");
    if (source.size > MAX_CSV_BYTES) throw new ListCsvError(1, "csv-too-large", { max: MAX_CSV_BYTES });
    return decodeCsvBytes(await source.arrayBuffer());
  } catch (e) {
    if (e instanceof ListCsvError) throw new AppError("invalid-csv", { line: e.line, problem: e.problem, ...e.params });
    throw e;
  }
}

/** How an import treats the list: "replace" makes it exactly the file; anything else adds to it. */
export const importMode = (value: string | null | undefined): "add" | "replace" => (value === "replace" ? "replace" : "add");

/** A CSV download: a byte order mark so that spreadsheets read it as UTF-8 (Cyrillic), never cached or sniffed. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(`\ufeff${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

type Ctx = { params: Promise<{ id: string }> };

/**
 * The two handlers of a seminar list's CSV route (the glossary, the name list). GET: the list as a download
 * (instructors). POST: a CSV file as the body (instructors); `?mode=replace` makes the list exactly the file,
 * otherwise its entries are added. A bad file is 422 "invalid-csv" with the line and reason, and nothing
 * changes; the seminar's suggestion index is rebuilt after an import.
 */
export function seminarListCsvRoute<R>(list: {
  filename: string;
  exportCsv: (userId: string, seminarId: string) => Promise<string>;
  importCsv: (userId: string, seminarId: string, text: string, mode: "add" | "replace") => Promise<R>;
}) {
  return {
    GET: handle(async (request: Request, ctx: Ctx) => {
      const user = await requireUser(request);
      const { id } = await ctx.params;
      return csvResponse(await list.exportCsv(user.id, id), list.filename);
    }),
    POST: handle(async (request: Request, ctx: Ctx) => {
      const user = await requireUser(request);
      const { id } = await ctx.params;
      const text = await csvUploadText(request);
      const result = await list.importCsv(user.id, id, text, importMode(new URL(request.url).searchParams.get("mode")));
      refreshSeminarIndex(id);
      return jsonResponse(result);
    }),
  };
}
