/**
 * The one-time code that confirms a decision by link when mail is on: what it looks like, how long it
 * lives and how many wrong ones lock the link. Pure: the code itself comes from the caller's CSPRNG.
 */
export const CODE_DIGITS = 6
export const CODE_TTL_MINUTES = 10
/**
 * seconds before a link may have another code letter: a letter takes a minute to arrive, and a button pressed
 * fifteen times must not send fifteen letters (the per-address limit is the rate limiter's)
 */
export const CODE_RESEND_SECONDS = 60
/** wrong codes a link takes; the last one locks it */
export const CODE_MAX_TRIES = 5

export const CODE_PATTERN = new RegExp(`^\\d{${CODE_DIGITS}}$`)

/** A number below 10^CODE_DIGITS written with its leading zeros. */
export const formatCode = (n: number) => String(n).padStart(CODE_DIGITS, '0')

export const codeExpiry = (issuedAt: Date) => new Date(issuedAt.getTime() + CODE_TTL_MINUTES * 60_000)

export const isLocked = (failures: number) => failures >= CODE_MAX_TRIES
