import { createHash } from 'node:crypto'

/** A function's fingerprint: the SHA-256 of its source text (`fn.toString()`), the first 16 hex digits. */
export const fingerprint = (fn: unknown) =>
  createHash('sha256').update(Function.prototype.toString.call(fn)).digest('hex').slice(0, 16)

export class PatchFenceError extends Error {
  // kept across a worker thread's boundary (the rendering threads load the PDF libraries): the start stops on it
  override name = 'PatchFenceError'
}

/**
 * The fence around a replacement of a library's internal method: the method must exist and be the very
 * code the replacement was written against (its fingerprint), else the service refuses to go on, naming the
 * library and the method, rather than run a replacement over code it does not know. An upgrade that changes
 * the method shows here first: read the new code, adapt the replacement, then its fingerprint.
 * Returns the method, to be kept as the original.
 */
export const fenced = <F>(library: string, method: string, fn: F, expected: string): F => {
  if (typeof fn !== 'function')
    throw new PatchFenceError(
      `${library}: нет метода ${method}, который заменяет сервис: версия библиотеки не та, для которой написана замена (закреплена в package.json)`,
    )
  const found = fingerprint(fn)
  if (found !== expected)
    throw new PatchFenceError(
      `${library}: метод ${method} не тот, для которого написана замена (отпечаток ${found}, ожидался ${expected}): ` +
        'установлена другая версия библиотеки, чем закреплена в package.json; проверьте замену и её отпечаток',
    )
  return fn
}
