import { benchTei } from "./bench/tei";
benchTei().then((r) => console.log(JSON.stringify(r, null, 1))).catch((e) => { console.error(e); process.exit(1); });
