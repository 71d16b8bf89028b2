// Without a file of its own here, Next resolves the app's instrumentation.ts (two folders up, the Turbopack
// root) and tries to bundle the app's live-update bus into this floor app. The floor has nothing to set up.
export function register(): void {}
