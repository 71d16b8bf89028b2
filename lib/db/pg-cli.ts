/**
 * The pg driver adapter as the Prisma CLI needs it (prisma.config.ts, `prisma migrate deploy` on PostgreSQL).
 * @prisma/adapter-pg 6.19.3 has two bugs that only the CLI hits (the app never reads these types):
 * - the migration engine reads pg_catalog columns of type "char" (OID 18) and name (OID 19), and arrays of
 *   them, which the adapter refuses ("Column type 'name' could not be deserialized", prisma/orm#27403);
 *   they are plain text, so they are reported as text (and text[]);
 * - `executeScript` splits a migration at every ";", which breaks any statement holding one (a function
 *   body, a string); PostgreSQL's simple query protocol runs a whole multi-statement script as sent.
 * Patched here, on the adapter's own objects, until a fixed adapter is released: no library does this.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT = 25;
const TEXT_ARRAY = 1009;
/** "char" and name → text; their arrays → text[]. */
const AS_TEXT: ReadonlyMap<number, number> = new Map([
  [18, TEXT],
  [19, TEXT],
  [1002, TEXT_ARRAY],
  [1003, TEXT_ARRAY],
]);

interface Field {
  dataTypeID: number;
}
interface Queryable {
  performIO(query: unknown): Promise<{ fields: Field[]; rows: unknown[][] }>;
  startTransaction?(isolationLevel?: unknown): Promise<Queryable>;
  executeScript?(script: string): Promise<void>;
  onError(error: unknown): never;
  client: { query(text: string): Promise<unknown> };
}

// pg-types keys its parsers by its own enum of OIDs; 1009 (text[]) is among them.
const parseTextArray = (pg.types.getTypeParser as (oid: number, format: "text") => (value: string) => string[])(TEXT_ARRAY, "text");

function patched<T>(target: T): T {
  const q = target as unknown as Queryable;
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    result.fields.forEach((field, i) => {
      const as = AS_TEXT.get(field.dataTypeID);
      if (as === undefined) return;
      field.dataTypeID = as;
      if (as === TEXT_ARRAY) for (const row of result.rows) if (typeof row[i] === "string") row[i] = parseTextArray(row[i] as string);
    });
    return result;
  };
  if (q.startTransaction) {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (isolationLevel) => patched(await start(isolationLevel));
  }
  if (q.executeScript) {
    q.executeScript = async (script) => {
      try {
        await q.client.query(script);
      } catch (error) {
        q.onError(error);
      }
    };
  }
  return target;
}

export class PrismaPgForCli extends PrismaPg {
  constructor(connectionString: string) {
    // The CLI's process should end when its work is done, not after the pool's idle timeout.
    super({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 500 });
  }

  override async connect() {
    return patched(await super.connect());
  }
}
