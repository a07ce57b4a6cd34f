/** pdfkit's patch of its content streams: text kept as text until the stream ends, the same bytes. */
import { createRequire } from 'node:module'
import { fenced } from '../../patch-fence'

const requireHere = createRequire(import.meta.url)

type Reference = {
  buffer: (Uint8Array | string)[]
  data: { Length?: number; Filter?: string }
  compress: boolean
  write: (chunk: unknown) => void
  finalize: () => void
}

/**
 * pdfkit turns every operator it writes to a page (a word, a move, a colour) into a Buffer of its own and
 * joins them when the page ends: tens of thousands of small buffers a document. Its streams here keep the
 * text as text and make one buffer of it when they end; the bytes are the same (the text is Latin-1, one
 * byte a character, as pdfkit writes it).
 */
export const writeStreamsAsText = () => {
  const fromPdfmake = createRequire(requireHere.resolve('pdfmake'))
  const PdfKit = fromPdfmake('pdfkit') as new (options: object) => { ref: () => Reference }
  const reference = Object.getPrototypeOf(new PdfKit({ autoFirstPage: false }).ref()) as Reference
  const write = fenced('pdfkit', 'PDFReference.prototype.write', reference.write, 'd908ca396fbfefdf')
  const finalize = fenced('pdfkit', 'PDFReference.prototype.finalize', reference.finalize, '8af9e473a0841475')
  reference.write = function (this: Reference, chunk) {
    if (chunk instanceof Uint8Array) return write.call(this, chunk)
    // the Length entry goes first, as pdfkit puts it (its value is set from the bytes when the stream ends)
    this.data.Length ??= 0
    this.buffer.push(`${chunk}\n`)
    if (this.compress) this.data.Filter = 'FlateDecode'
  }
  reference.finalize = function (this: Reference) {
    if (Array.isArray(this.buffer) && this.buffer.some((part) => typeof part === 'string')) {
      const parts: Uint8Array[] = []
      let text = ''
      for (const part of this.buffer) {
        if (typeof part === 'string') text += part
        else {
          if (text) parts.push(Buffer.from(text, 'latin1'))
          text = ''
          parts.push(part)
        }
      }
      if (text) parts.push(Buffer.from(text, 'latin1'))
      this.buffer = parts
    }
    return finalize.call(this)
  }
}
