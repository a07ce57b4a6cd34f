import { calendarDate, clockTime, russianDate } from '../../domain/dates'
import type { Appearance } from './pades'
import type { Box } from './reserved'

const dateText = (d: Date, timeZone: string) => russianDate(calendarDate(d, timeZone))
const timeText = clockTime

export type MarkFacts = {
  serialNumber: string
  owner: string
  notBefore: Date
  notAfter: Date
  signedAt: Date
  timeZone: string
}

/**
 * The mark of an electronic signature, ГОСТ Р 7.0.97-2025 (п. 5.23 of the 2016 edition, plus the signing time):
 * a frame with the heading, the certificate, its owner, its validity and when the document was signed.
 */
export const signatureMark = (f: MarkFacts, rect: Appearance['rect'], page = -1): Appearance => ({
  page,
  rect,
  frame: true,
  lines: [
    { text: 'ДОКУМЕНТ ПОДПИСАН', size: 7.5, bold: true },
    { text: 'ЭЛЕКТРОННОЙ ПОДПИСЬЮ', size: 7.5, bold: true },
    { text: `Сертификат ${f.serialNumber}`, size: 6 },
    { text: `Владелец ${f.owner}`, size: 6.5 },
    { text: `Действителен с ${dateText(f.notBefore, f.timeZone)} по ${dateText(f.notAfter, f.timeZone)}`, size: 6.5 },
    { text: `Подписан ${dateText(f.signedAt, f.timeZone)} в ${timeText(f.signedAt, f.timeZone)}`, size: 6.5 },
  ],
})

export type VisaFacts = { position: string; name: string; decision: string; signedAt: Date; timeZone: string }

/** One line of the approval sheet (лист согласования): position, name, decision, time. */
export const visaLine = (f: VisaFacts, rect: Appearance['rect'], page = -1): Appearance => ({
  page,
  rect,
  frame: false,
  lines: [
    {
      text: `${f.position} ${f.name} — ${f.decision} ${dateText(f.signedAt, f.timeZone)} ${timeText(f.signedAt, f.timeZone)} (ЭП)`,
      size: 8,
    },
  ],
})

/** The i-th line (0-based) of the approval sheet's reserved block. */
export const approvalLineBox = (sheet: Box, i: number, lineHeight: number): Box => ({
  page: sheet.page,
  x: sheet.x,
  y: sheet.y + sheet.height - (i + 1) * lineHeight,
  width: sheet.width,
  height: lineHeight,
})

/**
 * The mark of a qualified signature (КЭП) made outside the service: the same requisite, naming the qualified
 * certificate (serial, owner, issuer, validity) and the signing time the signature carries.
 */
export const qualifiedSignatureMark = (
  f: MarkFacts & { issuer: string },
  rect: Appearance['rect'],
  page = -1,
): Appearance => ({
  page,
  rect,
  frame: true,
  lines: [
    { text: 'ДОКУМЕНТ ПОДПИСАН', size: 7, bold: true },
    { text: 'КВАЛИФИЦИРОВАННОЙ ЭП', size: 7, bold: true },
    { text: `Сертификат ${f.serialNumber}`, size: 5.5 },
    { text: `Владелец ${f.owner}`, size: 6 },
    { text: `Выдан ${f.issuer}`, size: 6 },
    { text: `Действителен с ${dateText(f.notBefore, f.timeZone)} по ${dateText(f.notAfter, f.timeZone)}`, size: 6 },
    { text: `Подписан ${dateText(f.signedAt, f.timeZone)} в ${timeText(f.signedAt, f.timeZone)}`, size: 6 },
  ],
})
