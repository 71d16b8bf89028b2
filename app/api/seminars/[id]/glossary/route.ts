import { seminarListCsvRoute } from "@/app/_server/list-csv";
import { exportGlossaryCsv, importGlossaryCsv } from "@/lib/links/glossary-store";

export const dynamic = "force-dynamic";

/** The seminar's glossary as CSV (de,en,ru — see lib/links/glossary-csv.ts): GET exports, POST imports. */
export const { GET, POST } = seminarListCsvRoute({ filename: "glossary.csv", exportCsv: exportGlossaryCsv, importCsv: importGlossaryCsv });
