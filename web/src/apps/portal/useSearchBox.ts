import { useEffect, useRef, useState } from 'react';

/**
 * An as-you-type search box tied to the URL's query `q`: the URL follows the box after a pause
 * (`commit` with the trimmed text), and the box follows the URL (back/forward, a link, a cleared filter).
 * Returns the box's text and its setter.
 */
export function useSearchBox(q: string, commit: (text: string) => void, delayMs: number): [string, (text: string) => void] {
  const [text, setText] = useState(q);
  const [urlQ, setUrlQ] = useState(q);
  if (urlQ !== q) {
    setUrlQ(q);
    if (text.trim() !== q) setText(q);
  }
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    const v = text.trim();
    if (v === q) return;
    const t = setTimeout(() => commitRef.current(v), delayMs);
    return () => clearTimeout(t);
  }, [text, q, delayMs]);
  return [text, setText];
}
