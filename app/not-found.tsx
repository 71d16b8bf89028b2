import de from "@/messages/de.json";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import "./globals.css";

const LOCALES = [
  ["en", en],
  ["de", de],
  ["ru", ru],
] as const;

/**
 * A path outside every locale (e.g. a mistyped file name). There is no interface language to choose
 * from the path, so the message is given in all three, each linking to its library.
 */
export default function RootNotFound() {
  return (
    <html lang="en">
      <body>
        <main id="main" className="problem">
          {LOCALES.map(([locale, m]) => (
            <section key={locale} lang={locale} className="problem-locale">
              <h1>{m.Errors.notFoundTitle}</h1>
              <p>{m.Errors.notFoundBody}</p>
              <p>
                <a href={`/${locale}`}>{m.Errors.backToLibrary}</a>
              </p>
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
