import { findExecutorAddressee, markOpened, orderNamesExecutor } from '../../db/addressees'
import { findControlFile } from '../../db/control-files'
import { findOrder } from '../../db/orders'
import { OrderError } from '../../domain/errors'
import { isUuid } from '../access'
import type { ServiceContext } from '../context'
import { loadItemFor } from '../control-decision'
import { userControlActor } from '../control-item-actions'
import { requireUser } from '../access'
import { registeredFileOf } from '../seal-order'
import { executorControlActor, requireExecutor } from './executor-access'

/**
 * The sealed file of an order, for an executor it names or was sent to; the first opening is recorded in the
 * указатель рассылки («открыто»).
 */
export const getExecutorOrderFile = async (ctx: ServiceContext, orderId: string) => {
  const executor = await requireExecutor(ctx)
  const order = isUuid(orderId) ? await findOrder(ctx.db, orderId) : undefined
  if (!order || order.organizationId !== executor.organizationId) throw new OrderError('not_found', 'Приказ не найден')
  const addressed =
    (await findExecutorAddressee(ctx.db, order.id, executor.id)) ||
    (await orderNamesExecutor(ctx.db, order.id, executor.id))
  if (!addressed) throw new OrderError('forbidden', 'Приказ не направлялся этому исполнителю')
  const file = await registeredFileOf(ctx.db, order)
  await markOpened(ctx.db, order.id, executor.id, ctx.clock.now())
  return file
}

const fileOf = async (ctx: ServiceContext, itemId: string, fileId: string) => {
  const file = isUuid(fileId) ? await findControlFile(ctx.db, itemId, fileId) : undefined
  if (!file) throw new OrderError('not_found', 'Файл отчёта не найден')
  // the stored type is the one the bytes were found to be; the name was checked when the report came
  return { bytes: file.bytes, sha256: file.sha256, fileName: file.name, contentType: file.type }
}

/** A report's file, for the executor named in its item. */
export const getReportFileForExecutor = async (ctx: ServiceContext, itemId: string, fileId: string) => {
  const executor = await requireExecutor(ctx)
  await loadItemFor(ctx.db, executorControlActor(executor, ctx), itemId)
  return fileOf(ctx, itemId, fileId)
}

/** A report's file, for a person of the item's organization (the controller first of all). */
export const getReportFile = async (ctx: ServiceContext, itemId: string, fileId: string) => {
  await loadItemFor(ctx.db, userControlActor(requireUser(ctx)), itemId)
  return fileOf(ctx, itemId, fileId)
}
