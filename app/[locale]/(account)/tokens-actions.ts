"use server";
import { formField } from "@/lib/http/form";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getSessionUser } from "@/lib/auth/server";
import { createToken, revokeToken } from "@/lib/auth/tokens";

export interface TokenFormState {
  token?: string;
  error?: "unauthenticated" | "invalid-request";
}

/** Creates a personal access token; the secret is returned to this form once and never stored. */
export async function createTokenAction(_prev: TokenFormState | null, form: FormData): Promise<TokenFormState> {
  const user = await getSessionUser(await headers());
  if (!user) return { error: "unauthenticated" };
  try {
    const { token } = await createToken(user.id, formField(form, "name"));
    revalidatePath("/[locale]/account", "page");
    return { token };
  } catch {
    return { error: "invalid-request" };
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const user = await getSessionUser(await headers());
  const id = formField(form, "tokenId");
  if (!user || !id) return;
  await revokeToken(user.id, id).catch(() => {});
  revalidatePath("/[locale]/account", "page");
}
