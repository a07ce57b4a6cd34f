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
