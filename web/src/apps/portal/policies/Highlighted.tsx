import type { Highlight } from './types';

/** Plain text with the search hits marked (offsets from the API; never HTML from the server). */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly Highlight[] }) {
  if (highlights.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  highlights.forEach((h, i) => {
    if (h.start < at || h.end > text.length || h.start >= h.end) return;
    if (h.start > at) parts.push(text.slice(at, h.start));
    parts.push(<mark key={i}>{text.slice(h.start, h.end)}</mark>);
    at = h.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
