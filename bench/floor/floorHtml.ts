import fs from "node:fs";

/** The reader's pane HTML, written by bench/floor.ts before this app starts (FLOOR_HTML_FILE). */
export const floorHtml: string = fs.readFileSync(process.env.FLOOR_HTML_FILE ?? "", "utf8");
