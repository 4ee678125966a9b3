import { type Range, highlightSegments } from './highlight.ts';

/** Matches as <mark> elements built from ranges: user text is never turned into HTML. */
export function HighlightedText({ text, ranges }: { text: string; ranges: readonly Range[] | undefined }) {
  return (
    <>
      {highlightSegments(text, ranges).map((s, i) =>
        s.match ? (
          // oxlint-disable-next-line react/no-array-index-key -- segments have no identity but their position
          <mark key={i} className="match">
            {s.text}
          </mark>
        ) : (
          // oxlint-disable-next-line react/no-array-index-key -- as above
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
