import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { decideExtensionRequest, findExtensionRequest, insertExtensionRequest } from '../../db/extension-requests'
import { russianDate } from '../../domain/dates'
import { OrderError } from '../../domain/errors'
import { LIMITS } from '../../domain/limits'
import { safeText } from '../../domain/text'
import { IsoDate, parseInput } from '../../domain/validation'
import { isUuid, requireUser } from '../access'
import type { ServiceContext } from '../context'
import { decide } from '../control-decision'
import { authorizeOnItem, userControlActor } from '../control-item-actions'
import { executorControlActor, requireExecutor } from './executor-access'

export const ExtensionRequestInput = z
  .object({ due: IsoDate, reason: safeText().trim().min(1).max(LIMITS.report.extensionReason) })
  .strict()
  .meta({ id: 'ExtensionRequest' })
export const GrantExtensionInput = z
  .object({ due: IsoDate.optional(), comment: safeText().trim().max(LIMITS.request.comment).optional() })
  .strict()
  .meta({ id: 'ExtensionGrant' })
export const RefuseExtensionInput = z
  .object({ comment: safeText().trim().min(1).max(LIMITS.request.comment) })
  .strict()
  .meta({ id: 'ExtensionRefusal' })

const invalidDue = (message: string) => new OrderError('invalid_input', message, [{ path: 'due', message }])

/** The executor asks for a new due date, with a reason: not before today, after the current one; one at a time. */
export const requestExtension = async (ctx: ServiceContext, id: string, body: unknown) => {
  const executor = await requireExecutor(ctx)
  const { due, reason } = parseInput(ExtensionRequestInput, body, 'Запрос на перенос срока')
  return decide(ctx, id, {
    actor: executorControlActor(executor, ctx),
    step: async (item, context, tx, on) => {
      if (due < on) throw invalidDue(`Новый срок ${russianDate(due)} раньше сегодняшнего дня (${russianDate(on)})`)
      if (item.dueDate !== null && due <= item.dueDate)
        throw invalidDue(`Новый срок ${russianDate(due)} не позже нынешнего ${russianDate(item.dueDate)}`)
      if (context.extensionRequest)
        throw new OrderError('conflict', 'Запрос на перенос срока по этому поручению уже ждёт решения контролёра')
      const request = await insertExtensionRequest(tx, {
        id: randomUUID(),
        itemId: item.id,
        executorId: executor.id,
        due,
        reason,
        createdAt: ctx.clock.now(),
      })
      return { type: 'REQUEST_EXTENSION', id: request.id, due, reason, on }
    },
    data: { requestedDue: due },
  })
}

const requestNotFound = () => new OrderError('not_found', 'Запрос на перенос срока не найден')

/** Grants or refuses a pending request: the controller, or the director who signed the order. */
const decideRequest = (
  ctx: ServiceContext,
  id: string,
  requestId: string,
  decision: { granted: true; due?: string; comment?: string } | { granted: false; comment: string },
) => {
  // who may: the controller, or the order's signer (as for an extension the controller makes)
  const user = requireUser(ctx)
  return decide(ctx, id, {
    actor: userControlActor(user, (tx, item) => authorizeOnItem(ctx, tx, 'control.decideExtension', item.orderId)),
    step: async (item, context, tx, on) => {
      const request = isUuid(requestId) ? await findExtensionRequest(tx, item.id, requestId) : undefined
      if (!request) throw requestNotFound()
      if (request.status !== 'pending' || context.extensionRequest?.id !== request.id)
        throw new OrderError(
          'conflict',
          `Запрос на перенос срока уже рассмотрен (${request.status === 'granted' ? 'удовлетворён' : 'отклонён'})`,
        )
      const due = decision.granted ? (decision.due ?? request.due) : null
      if (due !== null && item.dueDate !== null && due <= item.dueDate)
        throw invalidDue(`Новый срок ${russianDate(due)} не позже нынешнего ${russianDate(item.dueDate)}`)
      await decideExtensionRequest(tx, request.id, {
        status: decision.granted ? 'granted' : 'refused',
        grantedDue: due,
        comment: decision.comment ?? null,
        decidedBy: user.id,
        decidedAt: ctx.clock.now(),
      })
      return due !== null
        ? { type: 'GRANT_EXTENSION', due, comment: decision.comment ?? '', on }
        : { type: 'REFUSE_EXTENSION', comment: decision.comment ?? '', on }
    },
    data: { requestId },
  })
}

export const grantExtension = (ctx: ServiceContext, id: string, requestId: string, body: unknown) => {
  const { due, comment } = parseInput(GrantExtensionInput, body ?? {}, 'Перенос срока')
  return decideRequest(ctx, id, requestId, { granted: true, ...(due ? { due } : {}), ...(comment ? { comment } : {}) })
}

export const refuseExtension = (ctx: ServiceContext, id: string, requestId: string, body: unknown) => {
  const { comment } = parseInput(RefuseExtensionInput, body, 'Отказ в переносе срока')
  return decideRequest(ctx, id, requestId, { granted: false, comment })
}
