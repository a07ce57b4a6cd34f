/**
 * The name under a signature as ГОСТ Р 7.0.97 prints it, initials first: an account's «Петров Сергей Николаевич»
 * is «С.Н. Петров». A name written otherwise (already with initials, one word, a Latin name) is kept as written.
 */
export const signatureName = (fullName: string): string => {
  const words = fullName.trim().split(/\s+/)
  const word = /^[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?$/
  if ((words.length !== 2 && words.length !== 3) || !words.every((w) => word.test(w))) return fullName.trim()
  const [surname, ...given] = words
  return `${given.map((w) => `${w[0]}.`).join('')} ${surname}`
}
