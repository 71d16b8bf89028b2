import { seminarListCsvRoute } from "@/app/_server/list-csv";
import { exportNamesCsv, importNamesCsv } from "@/lib/links/names/store";

export const dynamic = "force-dynamic";

/** The seminar's name list as CSV (kind,de,en,ru,years,roles — see lib/links/names/csv.ts): GET exports, POST imports. */
export const { GET, POST } = seminarListCsvRoute({ filename: "names.csv", exportCsv: exportNamesCsv, importCsv: importNamesCsv });
