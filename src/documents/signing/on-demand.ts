import type { LoadedPdf, SignOptions } from './pades'

// pdf-lib, fontkit, qrcode and pkijs take over a second to evaluate: they load with the first file signed,
// sealed or verified, not when the service starts (start-up time, README «Reliability»). Same functions, same
// arguments; only the loading differs.

export const loadPdf = async (bytes: Uint8Array) => (await import('./pades')).loadPdf(bytes)

export const signPdf = async (pdf: Uint8Array | LoadedPdf, options: SignOptions) =>
  (await import('./pades')).signPdf(pdf, options)

export const reservedBoxes = async (pdf: Uint8Array | LoadedPdf) => (await import('./reserved')).reservedBoxes(pdf)

export const verifyPdf = async (pdf: Uint8Array, anchors: Uint8Array[]) =>
  (await import('./verify')).verifyPdf(pdf, anchors)
