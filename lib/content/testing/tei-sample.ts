/** A small TEI P5 letter using every supported element (tests of the TEI cleaner and of uploads). */
export const SAMPLE_TEI = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Briefe aus Moskau</title>
        <author>Anna Beispiel</author>
      </titleStmt>
      <publicationStmt><date when="1933-02">Februar 1933</date></publicationStmt>
      <sourceDesc><p>Privatarchiv, Kasten 4</p></sourceDesc>
    </fileDesc>
    <profileDesc><langUsage><language ident="de">Deutsch</language></langUsage></profileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="chapter">
        <head>Erster Brief</head>
        <p>Lieber Freund, die <hi rend="italic">Lage</hi> ist ernst &amp; unklar.<note n="1">Gemeint ist
          die Lage im <hi>Januar</hi>.</note> Wir warten.</p>
        <pb n="2"/>
        <p>Zeile eins<lb/>Zeile zwei</p>
        <quote>
          <p>Erster zitierter Absatz.</p>
          <p>Zweiter zitierter Absatz.</p>
        </quote>
        <div>
          <head>Nachschrift</head>
          <p>Ein <quote>kurzes</quote> Wort, <hi rend="bold">fett</hi>.<note>Ohne Nummer.</note></p>
          <!-- editor: check date -->
        </div>
      </div>
    </body>
  </text>
</TEI>
`;
