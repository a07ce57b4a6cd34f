import { percentile, sample001, type Service, startService, timed } from './renderings.bench'
import { median, type BenchResult } from './measure'

const tokenOf = (url: string) => url.split('/links/')[1]!

/** Signs in as one of the service's people (password `bench-password`) and answers with a bearer header. */
const signedIn = async (service: Service, email: string) => {
  const res = await fetch(`${service.server.url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench-password' }),
  })
  return { authorization: `Bearer ${(await res.json()).token}` }
}

const postAs = async (service: Service, headers: Record<string, string>, path: string) => {
  const res = await fetch(service.server.url + path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: '{}',
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
}

/**
 * An unchanged stored file (draft PDF, DOCX, signed PDF, sealed registered PDF of the 001 sample) served again,
 * against rendering the draft PDF the first time, over HTTP, on one database. Goal: p50 ≤ 2 ms, ≥ 20× faster.
 */
const storedFilesOn = async (name: string, target: string | 'embedded'): Promise<BenchResult> => {
  const service = await startService(target)
  try {
    const orders: string[] = []
    for (let i = 0; i < 10; i++) orders.push((await service.post('/api/orders', sample001)).id)
    const rendering: number[] = []
    for (const id of orders) rendering.push(await timed(() => service.get(`/api/orders/${id}/document.pdf`)))
    // one order through its route to the sealed file: a visa, the director's signature, the registration
    const [id] = orders as [string]
    await timed(() => service.get(`/api/orders/${id}/document.docx`))
    const { approvers, director } = service.people
    const links: { url: string; role: string }[] = (
      await service.post(`/api/orders/${id}/submit`, {
        approvers: [{ userId: approvers[0]!.userId }],
        sequential: false,
        signer: { userId: director.userId },
      })
    ).links
    await postAs(
      service,
      await signedIn(service, approvers[0]!.email),
      `/api/links/${tokenOf(links.find((l) => l.role === 'approver')!.url)}/approve`,
    )
    await postAs(
      service,
      await signedIn(service, director.email),
      `/api/links/${tokenOf(links.find((l) => l.role === 'signer')!.url)}/sign`,
    )
    await service.post(`/api/orders/${id}/register`, {})
    const files = [`${orders[1]}/document.pdf`, `${id}/document.docx`, `${id}/signed.pdf`, `${id}/registered.pdf`]
    for (const f of files) await timed(() => service.get(`/api/orders/${f}`)) // warm
    const served: number[] = []
    const perFile: Record<string, number[]> = {}
    for (let round = 0; round < 50; round++)
      for (const f of files) {
        const t = await timed(() => service.get(`/api/orders/${f}`))
        served.push(t)
        ;(perFile[f.split('/')[1]!] ??= []).push(t)
      }
    // the floor of the same moment: a request that touches no database and no file
    const health: number[] = []
    for (let i = 0; i < 100; i++) health.push(await timed(() => service.get('/api/health')))
    const value = median(served)
    const baseline = median(rendering)
    console.log(
      `stored files (${name}): p50 ${Object.entries(perFile)
        .map(([f, ts]) => `${f} ${median(ts).toFixed(2)} ms`)
        .join(
          ', ',
        )}; p95 ${percentile(served, 95).toFixed(2)} ms; first PDF rendered ${baseline.toFixed(1)} ms; health p50 ${median(health).toFixed(2)} ms`,
    )
    return {
      name: `stored file served again (draft PDF, DOCX, signed, registered; 001 sample) vs rendering it (${name}, over HTTP, medians)`,
      value,
      baseline,
      ratio: value / baseline,
      goal: '<= 2 ms and <= 0.05',
      meets: value <= 2 && value / baseline <= 0.05,
      unit: 'ms',
    }
  } finally {
    await service.close()
  }
}

export const storedFilesVersusRendering = async (pgUrl: string): Promise<BenchResult[]> => [
  await storedFilesOn('embedded default', 'embedded'),
  await storedFilesOn('PostgreSQL', pgUrl),
]
