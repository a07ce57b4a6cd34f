import { isInstallationAdmin } from '../../domain/policy'
import type { Context } from 'hono'
import { OrderError } from '../../domain/errors'
import { statusOf } from '../errors'
import type { AppEnv } from '../middleware/context'
import type { Flash } from '../pages/AdminPages'
import type { Viewer } from '../pages/Layout'

/** What every page route needs: who is looking, the form sent, and a refusal shown as a notice. */
type C = Context<AppEnv>

/** Thrown to send a person who is not signed in to the sign-in page, and back afterwards. */
export class SignInFirst extends Error {}

export const viewerOf = (c: C): Viewer => {
  const actor = c.var.ctx.actor
  if (actor.type !== 'user') throw new SignInFirst()
  return {
    name: actor.name,
    role: actor.role,
    organizationId: actor.organizationId,
    csrf: c.var.session?.csrf ?? '',
    global: isInstallationAdmin(actor),
  }
}
export const formOf = async (c: C) =>
  (await c.req.parseBody({ all: false }).catch(() => ({}))) as Record<string, unknown>
export const text = (v: unknown) => (typeof v === 'string' ? v : '')
export const optional = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
export const lines = (v: unknown) =>
  text(v)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)

export const flashOf = (e: unknown): Flash => {
  if (!(e instanceof OrderError)) throw e
  const details = Array.isArray(e.details) ? e.details : undefined
  return { kind: 'error', text: e.message, details }
}

export const failure = (e: unknown) => (e instanceof OrderError ? statusOf[e.code] : 500)

export const doneMessages: Record<string, string> = {
  created: 'Создано.',
  reported: 'Исполнение отмечено.',
  accepted: 'Отчёт принят.',
  returned: 'Отчёт возвращён.',
  extended: 'Срок перенесён.',
  removed: 'Снято с контроля.',
  reopened: 'Возвращено на контроль.',
  registered: 'Приказ зарегистрирован.',
  cancelled: 'Приказ отменён.',
  saved: 'Сохранено.',
}
export const doneFlash = (c: C): Flash | undefined => {
  const done = c.req.query('done')
  return done && doneMessages[done] ? { kind: 'ok', text: doneMessages[done] } : undefined
}
