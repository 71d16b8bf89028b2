/**
 * The reader's link-making state, as a pure reducer (lib/annotations-ui/state.ts is the same for notes):
 * choosing the first passage ("Link…"), the second one (which opens the composer), saving, and the
 * suggestions asked for a passage — loading, answered or failed — from which candidates are accepted or
 * dismissed one by one. Framework-free; components/links/useLinkMaking.ts runs it.
 */
import type { Passage } from "@/lib/reader/selection";
import type { SuggestAnswer, SuggestedPassage } from "./suggest-service";

/** One end of a link being made: a passage in a pane, with the quote the reader showed. */
export interface DraftEnd {
  paneIndex: number;
  slug: string;
  passage: Passage;
  quote: string;
  lang: string;
}

export interface SuggestionsState {
  from: DraftEnd;
  status: "loading" | "done" | "failed";
  answer: SuggestAnswer | null;
  error?: string;
}

export interface MakingState {
  /** The first passage, chosen; the reader waits for the second. */
  linking: DraftEnd | null;
  /** Both passages chosen: the composer is open. */
  composer: { from: DraftEnd; to: DraftEnd } | null;
  suggestions: SuggestionsState | null;
}

export type MakingAction =
  | { type: "start"; from: DraftEnd }
  | { type: "cancel" }
  | { type: "finish"; to: DraftEnd }
  | { type: "closeComposer" }
  | { type: "saved" }
  | { type: "suggest"; from: DraftEnd }
  | { type: "suggested"; from: DraftEnd; answer: SuggestAnswer }
  | { type: "suggestFailed"; from: DraftEnd; error: string }
  | { type: "closeSuggestions" }
  /** A candidate accepted (now a link) or dismissed: it leaves the list. */
  | { type: "dropCandidate"; candidate: SuggestedPassage };

export const initialMaking: MakingState = { linking: null, composer: null, suggestions: null };

export function making(state: MakingState, action: MakingAction): MakingState {
  switch (action.type) {
    case "start":
      return { ...state, linking: action.from, composer: null };
    case "cancel":
      return state.linking || state.composer ? { ...state, linking: null, composer: null } : state;
    case "finish":
      return state.linking ? { ...state, composer: { from: state.linking, to: action.to } } : state;
    case "closeComposer":
      return { ...state, composer: null };
    case "saved":
      return { ...state, linking: null, composer: null };
    case "suggest":
      return { ...state, suggestions: { from: action.from, status: "loading", answer: null } };
    case "suggested":
      // An answer for a passage no longer asked about is dropped.
      return state.suggestions?.from !== action.from ? state : { ...state, suggestions: { from: action.from, status: "done", answer: action.answer } };
    case "suggestFailed":
      return state.suggestions?.from !== action.from
        ? state
        : { ...state, suggestions: { from: action.from, status: "failed", answer: null, error: action.error } };
    case "closeSuggestions":
      return { ...state, suggestions: null };
    case "dropCandidate": {
      const s = state.suggestions;
      if (!s?.answer) return state;
      return { ...state, suggestions: { ...s, answer: { ...s.answer, candidates: s.answer.candidates.filter((c) => c !== action.candidate) } } };
    }
  }
}
