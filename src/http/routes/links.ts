import { createRoute } from '@hono/zod-openapi'
import {
  approveByLink,
  LinkDecisionInput,
  returnByLink,
  ReturnInput,
  SignInput,
  signByLink,
} from '../../services/decide-by-link'
import { requestLinkCode } from '../../services/request-link-code'
import { BODY_ERRORS, createRouter, jsonBody, responses, TokenParam } from '../router'
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
