/**
 * Reading a server action's form. An action is a public endpoint: a client can call it with any serializable
 * arguments, not only the FormData its page's form sends, so anything else reads as an empty form (the action
 * then answers as for a blank form) instead of throwing, which Next would answer with a 500.
 */
export function formOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** The field's text ("" when missing or a file). */
export function formField(form: unknown, name: string): string {
  const v = formOf(form).get(name);
  return typeof v === "string" ? v : "";
}

/** Every text value of a repeated field. */
export function formFields(form: unknown, name: string): string[] {
  return formOf(form)
    .getAll(name)
    .filter((v): v is string => typeof v === "string");
}

/** The form's interface language if it is one of `locales`, else `fallback`: redirect paths are built from it. */
export function formLocale<L extends string>(form: unknown, locales: readonly L[], fallback: L): L {
  const v = formField(form, "locale");
  return (locales as readonly string[]).includes(v) ? (v as L) : fallback;
}

/** The longest id a form of ours sends (UUIDs, slugs, invite codes); ids are echoed into redirect paths. */
const MAX_ID_LENGTH = 100;

/** An id field: "" when missing or longer than any id (the action then answers as for an unknown one). */
export function formId(form: unknown, name: string): string {
  const v = formField(form, name);
  return v.length <= MAX_ID_LENGTH ? v : "";
}
