/**
 * Server-rendered charts as inline SVG (no chart library, no client JavaScript). Each chart is decorative for
 * screen readers (role="img" with a full text label); the page shows the same numbers in a table.
 */
import type { Counts } from "@/lib/teaching/overview";

/** Bars of words written per week. */
export function WeeklyBars({ weeks, label }: { weeks: Counts[]; label: string }) {
  const max = Math.max(1, ...weeks.map((w) => w.words));
  const width = Math.max(1, weeks.length) * 10;
  return (
    <svg viewBox={`0 0 ${width} 40`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line x1="0" y1="39.5" x2={width} y2="39.5" className="chart-axis" strokeWidth="1" />
      {weeks.map((w, i) => {
        const h = (w.words / max) * 38;
        return <rect key={i} x={i * 10 + 1} y={39 - h} width="8" height={h} className="chart-bar" />;
      })}
    </svg>
  );
}

/** A horizontal strip: one cell per part of a document, darker = more notes and replies. */
export function HeatBar({ segments, label }: { segments: number[]; label: string }) {
  const max = Math.max(1, ...segments);
  return (
    <svg viewBox={`0 0 ${segments.length} 1`} preserveAspectRatio="none" role="img" aria-label={label}>
      {segments.map((v, i) => (
        <rect key={i} x={i} y="0" width="1.02" height="1" fill="var(--accent)" fillOpacity={v === 0 ? 0.04 : 0.15 + 0.85 * (v / max)} />
      ))}
    </svg>
  );
}
