"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { createTokenAction, type TokenFormState } from "./tokens-actions";

/** Create a personal access token and show its secret once (works without JavaScript, too). */
export function TokenCreator() {
  const t = useTranslations("Account");
  const errors = useTranslations("Errors");
  const [state, action, pending] = useActionState<TokenFormState | null, FormData>(createTokenAction, null);
  return (
    <>
      {state?.token ? (
        <div role="status" className="form-saved">
          <label className="account-form">
            {t("newToken")}
            <input type="text" readOnly value={state.token} className="invite-link" />
          </label>
        </div>
      ) : null}
      {state?.error ? (
        <p role="alert" className="form-error">
          {errors(state.error)}
        </p>
      ) : null}
      <form action={action} className="account-form">
        <label>
          {t("tokenName")}
          <input type="text" name="name" required maxLength={100} />
        </label>
        <button type="submit" disabled={pending}>
          {t("createToken")}
        </button>
      </form>
    </>
  );
}
