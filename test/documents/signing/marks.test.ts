import { describe, expect, it } from 'vitest'
import { approvalLineBox, signatureMark } from '../../../src/documents/signing/marks'

describe('the approval sheet’s lines', () => {
  it('fill the reserved block from its top down, each line inside it and none over another', () => {
    const sheet = { page: 2, x: 70, y: 100, width: 450, height: 60 }
    const lines = [0, 1, 2, 3, 4].map((i) => approvalLineBox(sheet, i, 12))
    expect(lines[0]!.y + lines[0]!.height).toBe(sheet.y + sheet.height)
    expect(lines[4]!.y).toBe(sheet.y)
    for (const [i, l] of lines.entries()) {
      expect(l).toMatchObject({ page: 2, x: 70, width: 450, height: 12 })
      if (i > 0) expect(l.y + l.height).toBeLessThanOrEqual(lines[i - 1]!.y)
    }
  })
})

describe('the ГОСТ mark of the signature', () => {
  it('names the certificate’s validity from its first day to its last, in Moscow time', () => {
    const mark = signatureMark(
      {
        serialNumber: '1A2B',
        owner: 'Смирнова Елена Викторовна',
        notBefore: new Date('2025-03-09T22:30:00Z'), // 10 March in Moscow
        notAfter: new Date('2026-03-10T09:00:00Z'),
        signedAt: new Date('2025-11-28T14:35:07Z'),
        timeZone: 'Europe/Moscow',
      },
      { x: 300, y: 60, width: 180, height: 68 },
    )
    expect(mark.lines.map((l) => l.text)).toEqual([
      'ДОКУМЕНТ ПОДПИСАН',
      'ЭЛЕКТРОННОЙ ПОДПИСЬЮ',
      'Сертификат 1A2B',
      'Владелец Смирнова Елена Викторовна',
      'Действителен с 10.03.2025 по 10.03.2026',
      'Подписан 28.11.2025 в 17:35',
    ])
  })
})
