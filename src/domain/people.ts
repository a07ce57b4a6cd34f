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

/**
 * The content as it is printed once a route names who signs: the signer block is that person's (position and name
 * from the account, initials first), whatever the draft typed; without such a person, the draft's own.
 */
export const withRouteSigner = <C extends { signer: { position: string; name: string } }>(
  content: C,
  signer: { position: string; name: string } | undefined,
): C => (signer ? { ...content, signer: { position: signer.position, name: signatureName(signer.name) } } : content)
