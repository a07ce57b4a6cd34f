/**
 * Whether a name as an order's signer block writes it («Е.В. Смирнова», «Смирнова Е.В.», «Елена Викторовна
 * Смирнова») names an account's person («Смирнова Елена Викторовна»): the same surname, and the initials, where
 * written, those of the account's other names in order. Case and ё do not matter.
 */
const words = (name: string) =>
  name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s.]+/)
    .filter(Boolean)

export const namesSamePerson = (written: string, account: string): boolean => {
  const w = words(written)
  const a = words(account)
  const full = w.filter((x) => x.length > 1)
  const initials = w.filter((x) => x.length === 1)
  if (!full.length || !a.length) return false
  // every full word written is one of the account's; the initials are the first letters of the rest, in order
  if (!full.every((x) => a.includes(x))) return false
  const rest = a.filter((x) => !full.includes(x)).map((x) => x[0])
  return initials.every((letter, i) => rest[i] === letter) && initials.length <= rest.length
}
