import { describe, expect, it } from 'vitest'
import { registerOrder } from '../support/control'
import { sampleContent, useHarness } from '../support/harness'
import { testDatabases } from '../support/databases'

/** What the admin's list of journals promises: the number the next registration of today will take. */
describe.each(testDatabases())('journals and their next number ($name)', ({ open }) => {
  const h = useHarness(open)

  const nextNumbers = async () =>
    Object.fromEntries(
      (await h.call('GET', '/api/journals', { token: h.orgs[0]!.admin })).body.items.map(
        (j: { name: string; nextNumber: string }) => [j.name, j.nextNumber],
      ),
    )

  it('starts at the journal’s start, then follows the last number taken, in the counter of the year', async () => {
    expect(await nextNumbers()).toEqual({ Приказы: '1-ОД', Распоряжения: '1-р' })

    await registerOrder(h, sampleContent())
    expect((await nextNumbers()).Приказы).toBe('2-ОД')
    await registerOrder(h, sampleContent())
    expect((await nextNumbers()).Приказы).toBe('3-ОД')
    // made after them (the first journal of a kind takes the registrations that name none): its own start
    const made = await h.call('POST', '/api/journals', {
      token: h.orgs[0]!.admin,
      body: { name: 'Приказы по личному составу', kind: 'prikaz', pattern: '{n}-к/{yy}', start: 40, reset: 'yearly' },
    })
    expect(made.status).toBe(201)
    expect(await nextNumbers()).toEqual({
      Приказы: '3-ОД',
      Распоряжения: '1-р',
      'Приказы по личному составу': '40-к/26',
    })

    // a new year's counter of a yearly journal begins again; the others go on
    await h.setClock(new Date('2027-01-11T09:00:00Z'))
    expect(await nextNumbers()).toEqual({
      Приказы: '1-ОД',
      Распоряжения: '1-р',
      'Приказы по личному составу': '40-к/27',
    })
  })
})
