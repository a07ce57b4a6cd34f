import type { OrderKind } from './content'

/** The directive words of each kind the organization sets («п р и к а з ы в а ю:»); a kind not named takes the default. */
export type Directives = Partial<Record<OrderKind, string>>

export type LogoMediaType = 'image/png' | 'image/jpeg'

/**
 * What an order prints from its organization's profile, pinned to each version when it is saved: the letterhead
 * lines, the place, the directive words of the version's kind and the emblem (the hash of its stored bytes).
 */
export type Letterhead = {
  parent: string[]
  name: string[]
  place: string | null
  directive: string | null
  logo: string | null
}

/** The words a prikaz directs with when neither the order nor the profile says others (ГОСТ Р 7.0.97, п. 5.19). */
export const DEFAULT_DIRECTIVE: Record<OrderKind, string | null> = {
  prikaz: 'п р и к а з ы в а ю:',
  rasporyazhenie: null,
}

export type OrganizationProfile = {
  parent: string[] | null
  name: string[]
  place: string | null
  directives: Directives
  logoSha256: string | null
}

/** The profile as a version of the given kind pins it. */
export const letterheadOf = (profile: OrganizationProfile, kind: OrderKind): Letterhead => ({
  parent: profile.parent ?? [],
  name: profile.name,
  place: profile.place,
  directive: profile.directives[kind] ?? null,
  logo: profile.logoSha256,
})

/** The directive an order prints: its own, else its letterhead's, else the kind's default. */
export const directiveOf = (own: string | undefined, letterhead: Pick<Letterhead, 'directive'>, kind: OrderKind) =>
  own ?? letterhead.directive ?? DEFAULT_DIRECTIVE[kind]
