import { getTranslations } from "next-intl/server";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";

/** ?error=<code> → the translated message (Errors namespace); ?saved=1 → a confirmation. */
export async function Notice({ error, saved }: { error?: string; saved?: string }) {
  if (error) {
    const t = await getTranslations("Errors");
    const code: ErrorCode = error in ERROR_STATUS ? (error as ErrorCode) : "internal";
    return (
      <p role="alert" className="form-error">
        {t(code)}
      </p>
    );
  }
  if (saved) {
    const t = await getTranslations("Seminars");
    return (
      <p role="status" className="form-saved">
        {t("saved")}
      </p>
    );
  }
  return null;
}
