// Seeds the demo seminar (idempotent). Filled in by the seminar/annotation work.
console.log("[seed] nothing to seed yet");
