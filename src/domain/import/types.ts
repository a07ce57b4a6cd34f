import type { Appendix, OrderContent, Point } from '../content'
import type { DirectoryEntry } from '../executors'

/** What the text said of its registration (an archived order): the number and the date as YYYY-MM-DD. */
export type Registration = { number: string; date: string }

/** Order content read from a text: the editor's shape, plus the registration when the text carries one. */
export type ImportedContent = Omit<OrderContent, 'points' | 'appendices'> & {
  points: Point[]
  appendices?: Appendix[]
  registration?: Registration
}

/** Something the importer was unsure about, at the path of the field it concerns («points.2.points.0»). */
export type Doubt = { path: string; message: string }

/** Text of the input that is in no text field of the content, and why. */
export type LeftOut = { text: string; why: string }

export type ImportResult = { content: ImportedContent; doubts: Doubt[]; leftOut: LeftOut[] }

export type ImportOptions = {
  /** the organization's executors, to find them in each point */
  directory?: readonly DirectoryEntry[]
  /** the date year-less deadlines are read against when the text carries no registration date */
  today?: string
}

/** One non-empty line of the input, as read: `blankBefore` tells whether an empty line preceded it. */
export type Line = { text: string; blankBefore: boolean }

/** What each part of the importer hands back: doubts and left-out text gathered in one place. */
export type Notes = { doubts: Doubt[]; leftOut: LeftOut[] }

export const doubt = (notes: Notes, path: string, message: string): void => {
  notes.doubts.push({ path, message })
}

export const leave = (notes: Notes, text: string, why: string): void => {
  if (text.trim() !== '') notes.leftOut.push({ text, why })
}
