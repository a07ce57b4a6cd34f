import type { Db } from '../db/client'
import type { ApprovalRow } from '../db/links'
import { findUserById, type UserRow } from '../db/users'
import { OrderError } from '../domain/errors'
import type { ServiceContext } from './context'

/**
 * How the person behind a link proved who they are: signed in as the link's account (`session`, a cookie or a
 * bearer token), or, with mail on, by the one-time code sent to the account's e-mail (`code`, checked by the
 * decision itself). `link`: a route typed by name before accounts were required (migration 0014 found no account
 * for the e-mail), whose link still decides alone until it is decided.
 */
export type LinkProof = { by: 'session' | 'code'; account: UserRow } | { by: 'link'; account?: undefined }

/** The address of the link's page, for a sign-in that comes back to it. */
export const signInToLink = (token: string) => `/signin?next=${encodeURIComponent(`/links/${token}`)}`

/**
 * A link acts only for its person. Someone signed in as another account is refused (403) whatever else they
 * hold; nobody signed in is refused (401) unless mail is on and the code is offered (`byCode`); a disabled
 * person is refused (403). Throws before anything is written.
 */
export const proveLinkPerson = async (
  db: Db,
  ctx: ServiceContext,
  approval: Pick<ApprovalRow, 'userId' | 'name'>,
  { byCode = false }: { byCode?: boolean } = {},
): Promise<LinkProof> => {
  if (!approval.userId) return { by: 'link' }
  const account = await findUserById(db, approval.userId)
  if (!account || account.disabledAt)
    throw new OrderError(
      'forbidden',
      `Учётная запись «${approval.name}» отключена: по этой ссылке решение не принимается`,
    )
  if (ctx.actor.type === 'user') {
    if (ctx.actor.id === account.id) return { by: 'session', account }
    throw new OrderError(
      'forbidden',
      `Ссылка выдана другому сотруднику («${approval.name}»): вы вошли как «${ctx.actor.name}». Выйдите и войдите под его учётной записью`,
    )
  }
  if (ctx.mailer && byCode) return { by: 'code', account }
  throw new OrderError(
    'unauthenticated',
    ctx.mailer
      ? `Ссылка действует только для «${approval.name}»: войдите в систему под этой учётной записью или подтвердите решение кодом из письма`
      : `Ссылка действует только для «${approval.name}»: войдите в систему под этой учётной записью`,
  )
}
