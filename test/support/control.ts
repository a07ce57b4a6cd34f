import { expect } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { type Harness, tokenOf } from './harness'
import { director } from './people'

/**
 * Drafts, signs (by link, as the signer: the harness's own director, or a `signer` of the test's making with its
 * `signerToken`) and registers an order on the harness's clock; returns its id.
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
  expect(submitted.status).toBe(200)
  const signed = await h.call('POST', `/api/links/${tokenOf(submitted.body.links[0].url)}/sign`, {
    token: signerToken,
  })
  expect(signed.status).toBe(200)
  const registered = await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: {} })
  expect(registered.status).toBe(200)
  return id
}
