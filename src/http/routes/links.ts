import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import {
  approveByLink,
  LinkDecisionInput,
  returnByLink,
  ReturnInput,
  SignInput,
  signByLink,
} from '../../services/decide-by-link'
import { requestLinkCode } from '../../services/request-link-code'
import { pinnedLinkDocument } from '../../services/open-link'
import { signQualifiedByLink } from '../../services/decide-by-link'
import { documentResponse } from './documents'
import { BODY_ERRORS, createRouter, errorResponses, jsonBody, responses, TokenParam } from '../router'
import { CodeSent, LinkDecision } from '../schemas/orders'

const tags = ['links']
const linkErrors = [403, 404, 409, 410, 423, 429, ...BODY_ERRORS] as const
const decision = (path: string, summary: string) =>
  ({
    method: 'post',
    path,
    tags,
    summary,
    responses: responses(
      { status: 200, description: 'The order’s state after it', schema: LinkDecision },
      ...linkErrors,
    ),
  }) as const

/** Decisions of link holders: no account, the 256-bit token in the path is the credential. */
export const linkRoutes = createRouter()
  .openapi(
    createRoute({
      ...decision('/{token}/approve', 'Approve (visa)'),
      request: { params: TokenParam, ...jsonBody(LinkDecisionInput, false) },
    }),
    async (c) => c.json(await approveByLink(c.var.ctx, c.req.valid('param').token, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      ...decision('/{token}/return', 'Return for revision (comment required)'),
      request: { params: TokenParam, ...jsonBody(ReturnInput) },
    }),
    async (c) => c.json(await returnByLink(c.var.ctx, c.req.valid('param').token, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      ...decision('/{token}/sign', 'Sign (the director)'),
      request: { params: TokenParam, ...jsonBody(SignInput, false) },
    }),
    async (c) => c.json(await signByLink(c.var.ctx, c.req.valid('param').token, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      ...decision('/{token}/code', 'Mail a one-time code for the decision (only when mail is configured)'),
      request: { params: TokenParam },
      responses: responses({ status: 200, description: 'Where the code went', schema: CodeSent }, ...linkErrors),
    }),
    async (c) => c.json(await requestLinkCode(c.var.ctx, c.req.valid('param').token), 200),
  )
  // the pinned file and a qualified signature of it: binary bodies, plain Hono routes described below
  .get('/:token/document.pdf', async (c) =>
    documentResponse(c, await pinnedLinkDocument(c.var.ctx, c.req.param('token'))),
  )
  .post('/:token/sign-qualified', async (c) =>
    c.json(await signQualifiedByLink(c.var.ctx, c.req.param('token'), new Uint8Array(await c.req.arrayBuffer())), 200),
  )

const binary = z.string().openapi({ format: 'binary' })

export const describeLinkFileRoutes = (registry: OpenAPIHono['openAPIRegistry']) => {
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/api/links/{token}/document.pdf',
      tags,
      summary:
        "The exact bytes pinned for the link's decision (their SHA-256 is the order's pin): what a qualified signature must cover",
      request: { params: TokenParam },
      responses: {
        200: { description: 'PDF', content: { 'application/pdf': { schema: binary } } },
        304: { description: 'Not modified: If-None-Match holds the ETag of the stored file' },
        ...errorResponses(401, 403, 404, 409, 410, 423),
      },
    }),
  )
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/links/{token}/sign-qualified',
      tags,
      summary:
        "Sign with the signer's qualified signature (КЭП): a detached CAdES .sig of the pinned file (DER or Base64) as the body; verified against the trusted list and the account's СНИЛС, time-stamped (CAdES-T), kept with the order",
      request: {
        params: TokenParam,
        body: {
          required: true,
          content: {
            'application/pkcs7-signature': { schema: binary },
            'application/octet-stream': { schema: binary },
          },
        },
      },
      responses: responses(
        { status: 200, description: '{status}', schema: LinkDecision },
        400,
        401,
        403,
        404,
        409,
        410,
        413,
        422,
        423,
        429,
      ),
    }),
  )
}
