import { readFileSync } from 'node:fs'
import type { OrderKind } from '../domain/content'
import { repoFile } from '../paths'

const cache = new Map<OrderKind, Uint8Array>()

/** The built-in template of a kind, built from templates/source.ts by `npm run templates`. */
export const builtInTemplate = (kind: OrderKind): Uint8Array => {
  let bytes = cache.get(kind)
  if (!bytes) {
    bytes = readFileSync(repoFile(`templates/${kind}.docx`))
    cache.set(kind, bytes)
  }
  return bytes
}
