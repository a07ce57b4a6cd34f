import { describe, expect, it } from 'vitest'
import { createRenderPool } from '../../src/documents/render-pool'
import { createApp } from '../../src/http/app'
import { systemClock } from '../../src/services/context'
import { testDatabases } from '../support/databases'
import { testKeys } from '../support/harness'

describe.each(testDatabases())('health ($name)', ({ open }) => {
  it('answers 200 while the database answers, and 503 once it does not', async () => {
    const db = await open()
    const app = createApp(
      {
        db: db.db,
        clock: systemClock,
        linkTtlDays: 7,
        publicUrl: 'http://t',
        renderer: createRenderPool(),
        keys: testKeys,
      },
      { log: () => {} },
    )
    const up = await app.request('/api/health')
    expect(up.status).toBe(200)
    expect(await up.json()).toMatchObject({ status: 'ok', database: { reachable: true } })
    await db.close()
    const down = await app.request('/api/health')
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ status: 'down', database: { reachable: false } })
  })
})
