"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { parseTagInput } from "@/lib/annotations-ui/state";
import { readableColour } from "@/lib/annotations-ui/paint";

/** A chip's name against white at 5.5:1 stays above AA (4.5:1) on the chip's pale tint of the same colour. */
const CHIP_INK_CONTRAST = 5.5;
import type { SeminarTagDto } from "@/lib/seminars";

export type NoteVisibility = "private" | "seminar" | "instructors";
export const NOTE_VISIBILITIES: readonly NoteVisibility[] = ["seminar", "private", "instructors"];

/**
 * Who sees a note: the seminar (default), only me, or only the instructors — and, when `recipients` are
 * given (new notes), private feedback to one of them (an instructor and one student: see lib/teaching).
 */
export function VisibilitySelect({
  value,
  onChange,
  recipients,
  recipientId = null,
  onRecipient,
}: {
  value: NoteVisibility;
  onChange: (v: NoteVisibility) => void;
  recipients?: ReadonlyArray<{ userId: string; name: string }>;
  recipientId?: string | null;
  onRecipient?: (userId: string | null) => void;
}) {
  const t = useTranslations("Annotations");
  const tt = useTranslations("Teaching");
  const id = useId();
  return (
    <div className="note-field">
      <label htmlFor={id}>{t("visibility")}</label>
      <select
        id={id}
        value={recipientId ? `feedback:${recipientId}` : value}
        onChange={(e) => {
          const v = e.target.value;
          if (v.startsWith("feedback:")) onRecipient?.(v.slice("feedback:".length));
          else {
            onRecipient?.(null);
            onChange(v as NoteVisibility);
          }
        }}
      >
        {NOTE_VISIBILITIES.map((v) => (
          <option key={v} value={v}>
            {t(`audience.${v}`)}
          </option>
        ))}
        {recipients?.length ? (
          <optgroup label={tt("feedbackOption")}>
            {recipients.map((r) => (
              <option key={r.userId} value={`feedback:${r.userId}`}>
                {t("audience.feedbackTo", { name: r.name })}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {recipientId ? <p className="hint">{tt("feedbackHint")}</p> : null}
    </div>
  );
}

/**
 * Tags: the seminar's vocabulary as toggle buttons in the instructors' colours, plus free words typed
 * in a field (separated by commas). Vocabulary matching ignores case, as the server does.
 */
export function TagField({ vocabulary, value, onChange }: { vocabulary: SeminarTagDto[]; value: string[]; onChange: (tags: string[]) => void }) {
  const t = useTranslations("Annotations");
  const id = useId();
  const inVocabulary = (tag: string) => vocabulary.some((v) => v.name.toLowerCase() === tag.toLowerCase());
  const [free, setFree] = useState(() => value.filter((tag) => !inVocabulary(tag)).join(", "));
  const picked = new Set(value.filter(inVocabulary).map((tag) => tag.toLowerCase()));
  const emit = (nextPicked: Set<string>, nextFree: string) => {
    const fromVocabulary = vocabulary.filter((v) => nextPicked.has(v.name.toLowerCase())).map((v) => v.name);
    onChange([...fromVocabulary, ...parseTagInput(nextFree)]);
  };
  return (
    <fieldset className="note-field note-tags">
      <legend>{t("tags")}</legend>
      {vocabulary.length ? (
        <div className="tag-choices">
          {vocabulary.map((v) => {
            const on = picked.has(v.name.toLowerCase());
            return (
              <button
                key={v.name}
                type="button"
                className="tag-toggle"
                aria-pressed={on}
                style={{ ["--tag" as string]: v.color }}
                onClick={() => {
                  const next = new Set(picked);
                  if (on) next.delete(v.name.toLowerCase());
                  else next.add(v.name.toLowerCase());
                  emit(next, free);
                }}
              >
                <span className="tag-swatch" aria-hidden="true" />
                {v.name}
              </button>
            );
          })}
        </div>
      ) : null}
      <label htmlFor={id} className="tag-free-label">
        {t("freeTags")}
      </label>
      <input
        id={id}
        type="text"
        value={free}
        autoComplete="off"
        onChange={(e) => {
          setFree(e.target.value);
          emit(picked, e.target.value);
        }}
      />
    </fieldset>
  );
}

/** A note's tags as small chips, vocabulary ones in their colour. */
export function TagChips({ tags, vocabulary }: { tags: string[]; vocabulary: SeminarTagDto[] }) {
  if (!tags.length) return null;
  return (
    <span className="tag-chips">
      {tags.map((tag) => {
        const v = vocabulary.find((x) => x.name.toLowerCase() === tag.toLowerCase());
        return (
          <span
            key={tag}
            className="tag-chip"
            style={v ? { ["--tag" as string]: v.color, ["--tag-ink" as string]: readableColour(v.color, "#ffffff", CHIP_INK_CONTRAST) } : undefined}
            data-vocabulary={v ? "" : undefined}
          >
            {tag}
          </span>
        );
      })}
    </span>
  );
}
