import { getTranslations, setRequestLocale } from "next-intl/server";

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale as "de");
  const t = await getTranslations("App");
  return (
    <main id="main">
      <h1>{t("name")}</h1>
      <p>{t("tagline")}</p>
    </main>
  );
}
