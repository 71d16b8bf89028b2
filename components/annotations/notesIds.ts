/** DOM ids shared by the notes' components (the toggle controls the panel; blocks are described by markers). */
export const notesPanelId = (paneId: string) => `${paneId}-notes`;
export const blockNotesId = (paneId: string, blockId: string) => `${paneId}-notes-on-${blockId}`;
