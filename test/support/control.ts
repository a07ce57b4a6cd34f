import type { OrderContent } from '../../src/domain/content'
import { type Harness, tokenOf } from './harness'
import { director } from './people'

/**
 * Drafts, signs (by link, as the signer: the harness's own director, or a `signer` of the test's making with its
 * `signerToken`) and registers an order on the harness's clock; returns its id. Throws, naming the step, when one
 * is refused (no vitest here: the fuzzing run uses it too).
 */
export const registerOrder = async (
  h: Harness,
  content: OrderContent,
  signer: { userId: string } = director(),
  signerToken?: string,
) => {
  const clerk = h.orgs[0]!.clerk
  const id = (await h.call('POST', '/api/orders', { token: clerk, body: content })).body.id as string
  const submitted = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk, body: { approvers: [], signer } })
  expectOk('submit', submitted)
  const signed = await h.call('POST', `/api/links/${tokenOf(submitted.body.links[0].url)}/sign`, {
    token: signerToken,
  })
  expectOk('sign', signed)
  const registered = await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: {} })
  expectOk('register', registered)
  return id
}

const expectOk = (step: string, res: { status: number; text: string }) => {
  if (res.status !== 200) throw new Error(`registerOrder: ${step} answered ${res.status}: ${res.text.slice(0, 300)}`)
}
