/** Words of a text as a reader sees them: split on white space, invisible differences folded. */
export const words = (text: string) =>
  text
    .replace(/\u00a0/g, ' ')
    .replace(/П Р И К А З/g, 'ПРИКАЗ')
    .split(/\s+/)
    .filter(Boolean)

/** The words of `expected` that do not appear in `actual` in the same order (empty: all there). */
export const missingInOrder = (expected: string[], actual: string[]): string[] => {
  const missing: string[] = []
  let at = 0
  for (const w of expected) {
    const found = actual.indexOf(w, at)
    if (found === -1) missing.push(w)
    else at = found + 1
  }
  return missing
}

export type PlacedWord = { text: string; xMin: number; yMin: number; xMax: number; yMax: number; page: number }

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The words of `pdftotext -bbox` output with their boxes (points, y downwards) and page numbers. */
export const placedWords = (bboxHtml: string): PlacedWord[] =>
  bboxHtml.split(/<page /).flatMap((chunk, i) =>
    [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
      (m) => ({
        text: unescapeXml(m[5]!),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        page: i,
      }),
    ),
  )

/** Words grouped into printed lines: same page, same baseline (within half a point), left to right. */
export const printedLines = (placed: PlacedWord[]): PlacedWord[][] => {
  const lines = new Map<string, PlacedWord[]>()
  for (const w of placed) {
    const key = `${w.page}:${Math.round(w.yMax * 2)}`
    lines.set(key, [...(lines.get(key) ?? []), w])
  }
  return [...lines.values()].map((l) => l.sort((a, b) => a.xMin - b.xMin))
}
