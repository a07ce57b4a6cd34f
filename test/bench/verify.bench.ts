import { sampleContent, tokenOf } from '../support/harness'
import { type BenchResult, median } from './measure'
import { healthUnderLoad, type Service, startService } from './renderings.bench'

/** A file of the service's own making with 10 signatures: 9 visas and the director's, through its links. */
export const tenSignatureFile = async (service: Service) => {
  const { id } = await service.post('/api/orders', sampleContent())
  const { approvers, director } = service.people
  const submitted = await service.post(`/api/orders/${id}/submit`, {
    approvers: approvers.map((a) => ({ userId: a.userId })),
    signer: { userId: director.userId },
  })
  // a link decides for its own person only: each signs in and decides with their token
  const decide = async (who: { email: string }, url: string, action: 'approve' | 'sign') => {
    const signIn = await fetch(`${service.server.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: who.email, password: 'bench-password' }),
    })
    const { token } = await signIn.json()
    const res = await fetch(`${service.server.url}/api/links/${tokenOf(url)}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    })
    if (!res.ok) throw new Error(`${action}: ${res.status} ${await res.text()}`)
  }
  const links = submitted.links as { url: string }[]
  for (const [i, l] of links.slice(0, -1).entries()) await decide(approvers[i]!, l.url, 'approve')
  await decide(director, links.at(-1)!.url, 'sign')
  const res = await service.get(`/api/orders/${id}/signed.pdf`)
  if (!res.ok) throw new Error(`signed.pdf: ${res.status}`)
  return new Uint8Array(await res.arrayBuffer())
}

const post = (service: Service, body: Uint8Array | string) =>
  fetch(`${service.server.url}/api/verify`, { method: 'POST', body: body as BodyInit })

/**
 * POST /api/verify of a 10-signature file the service made (9 visas and the director's signature, each
 * time-stamped) over HTTP: every signature, its chain, its time stamp and every revision's changes judged on
 * the signing thread. Median of 30 after 3 to warm up; the goal is absolute (≤ 50 ms), the baseline 50 ms.
 */
export const verifyTenSignatures = async (baseUrl: string): Promise<BenchResult> => {
  const service = await startService(baseUrl)
  try {
    const file = await tenSignatureFile(service)
    const report = await (await post(service, file)).json()
    if (report.signatures?.length !== 10) throw new Error(`expected 10 signatures, got ${report.signatures?.length}`)
    for (let i = 0; i < 3; i++) await (await post(service, file)).arrayBuffer()
    const xs: number[] = []
    for (let i = 0; i < 30; i++) {
      const t = performance.now()
      const res = await post(service, file)
      await res.arrayBuffer()
      xs.push(performance.now() - t)
    }
    const value = median(xs)
    return {
      name: `POST /api/verify of a 10-signature file of ${file.length} bytes (median of 30, over HTTP)`,
      value,
      baseline: 50,
      ratio: value / 50,
      goal: '<= 1',
      meets: value <= 50,
      unit: 'ms',
    }
  } finally {
    await service.close()
  }
}

/** Hostile bodies: a megabyte of repeated /ByteRange entries, and a signed file with 60 copies of its signature dictionary. */
const hostileBodies = (signed: Uint8Array) => {
  const entry = '/ByteRange [0 10 20 30] '
  const repeated = `%PDF-1.7\n${entry.repeat(Math.ceil(1_048_576 / entry.length))}\n%%EOF\n`
  const text = Buffer.from(signed).toString('latin1')
  const range = /\/ByteRange\s*\[[^\]]*\]/.exec(text)![0]
  const copies = Array.from({ length: 60 }, (_, i) => `${9000 + i} 0 obj\n<< /Type /Sig ${range} >>\nendobj\n`)
  const copied = Buffer.concat([Buffer.from(signed), Buffer.from(`\n${copies.join('')}%%EOF\n`, 'latin1')])
  return [repeated, new Uint8Array(copied)]
}

/**
 * GET /api/health p99 while 4 clients post hostile files to /api/verify without pause, against its p99 on
 * the idle service; idle and loaded phases alternate, as in the rendering benchmark.
 */
export const healthUnderHostileVerify = async (baseUrl: string, rounds = 3): Promise<BenchResult> => {
  const service = await startService(baseUrl)
  try {
    const bodies = hostileBodies(await tenSignatureFile(service))
    let posted = 0
    return await healthUnderLoad(
      service,
      rounds,
      () => `post hostile files to /api/verify (${posted} posts)`,
      () => {
        const until = performance.now() + 10_000
        return async (c: number) => {
          for (let i = c; performance.now() < until; i++) {
            const res = await post(service, bodies[i % bodies.length]!)
            await res.arrayBuffer()
            if (res.status !== 200 && res.status !== 422 && res.status !== 503)
              throw new Error(`hostile verify answered ${res.status}`)
            posted++
          }
        }
      },
    )
  } finally {
    await service.close()
  }
}
