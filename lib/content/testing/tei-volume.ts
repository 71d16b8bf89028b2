/** A synthetic TEI volume of about `bytes` bytes (chapters, sections, notes, page breaks): the "whole volume" case. */
export function teiVolume(bytes: number): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Gesammelte Briefe</title><author>Anna Beispiel</author></titleStmt>
      <publicationStmt><date when="1950">1950</date></publicationStmt>
      <sourceDesc><p>Synthetic volume for tests</p></sourceDesc>
    </fileDesc>
    <profileDesc><langUsage><language ident="de">Deutsch</language></langUsage></profileDesc>
  </teiHeader>
  <text>
    <body>
`;
  const tail = `    </body>
  </text>
</TEI>
`;
  const parts: string[] = [head];
  let size = head.length + tail.length;
  let chapter = 0;
  let note = 0;
  let page = 0;
  while (size < bytes) {
    chapter++;
    const lines = [`      <div type="chapter" n="${chapter}">`, `        <head>Kapitel ${chapter}</head>`];
    for (let k = 1; k <= 12; k++) {
      note++;
      if (k % 4 === 0) lines.push(`        <pb n="${++page}"/>`);
      lines.push(
        `        <p>Absatz ${k} im Kapitel ${chapter}: Die <hi rend="italic">Verhandlungen</hi> zogen sich hin &amp; niemand`,
        `          wusste, wann der Frieden kommen würde.<note n="${note}">Anmerkung ${note}, siehe <hi>Akten</hi> Band ${chapter}.</note> Man wartete`,
        `          auf Nachricht aus Moskau, aus London und aus Washington.<lb/>Die Briefe kamen selten.</p>`,
      );
    }
    lines.push(`        <quote><p>Ein Zitat im Kapitel ${chapter}.</p></quote>`, `      </div>`);
    const chunk = lines.join("\n") + "\n";
    parts.push(chunk);
    size += chunk.length;
  }
  parts.push(tail);
  return parts.join("");
}
