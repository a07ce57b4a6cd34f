import type { Point } from '../content'
import { LIMITS } from '../limits'
import { startsLower } from './lines'
import { doubt, type Line, type Notes } from './types'

/**
 * Points as written: «1.», «1.1.», «1.1.1.», «1)», «а)», «I.», at any depth; lines without a number
 * continue the point above them (dash lists, a list of schools, a sentence wrapped by a PDF). The depth
 * comes from the style of the number, as a reader takes it: «1.1.» is under «1.», «а)» under the «1)» above
 * it. The numbers themselves are not kept: the system numbers points; where the written number is not the
 * one the system will give, that is a doubt, not a silent fix.
 */
export type Marker = { written: string; style: string; parts: number[]; text: string }

const DOTTED = /^((?:\d{1,2}\.)*\d{1,2})(\.|\))?(?:\s+|(?=[А-ЯЁA-Z«"]))(\S.*)$/su
const LETTER = /^([а-яё])\)\s*(\S.*)$/su
const ROMAN = /^([IVX]{1,4})\.\s+(\S.*)$/su

export const markerOf = (line: string): Marker | undefined => {
  // the number is in the first few characters: the patterns look at those, the rest is the point's text
  const whole = line.trim()
  const head = whole.slice(0, 24)
  const rest = whole.slice(24)
  let m = DOTTED.exec(head)
  if (m) m[3] += rest
  if (m) {
    const parts = (m[1] ?? '').split('.').map(Number)
    // one number alone needs its dot or bracket: «2 квартал» opens no point
    if (parts.length === 1 && m[2] === undefined) return undefined
    const written = `${m[1]}${m[2] ?? ''}`
    const style = m[2] === ')' && parts.length === 1 ? 'paren' : `dot${parts.length}`
    return { written, style, parts, text: m[3] ?? '' }
  }
  m = LETTER.exec(head)
  if (m)
    return {
      written: `${m[1]})`,
      style: 'letter',
      parts: ['абвгдежзиклмнопрстуфхцчшщэюя'.indexOf(m[1] ?? '') + 1],
      text: (m[2] ?? '') + rest,
    }
  m = ROMAN.exec(head)
  if (m) return { written: `${m[1]}.`, style: 'roman', parts: [], text: (m[2] ?? '') + rest }
  return undefined
}

export const CONTROL =
  /^(?:Контроль\s+(?:за|над)\s+(?:исполнением|выполнением|исполнения|реализацией)|Контроль\s+(?:исполнения|выполнения)|Возложить\s+контроль|Общий\s+контроль)/iu

const DASH = /^[-–—•·*]\s*/u

type Open = { style: string; point: Point; path: string; marker: Marker }

const depthOf = (style: string): number => (style.startsWith('dot') ? Number(style.slice(3)) : 0)

export type ReadPoints = { points: Point[]; control?: string; markers: string[] }

/** Appends a line to a point: a wrapped sentence with a space, a new paragraph or a list item on its own line. */
const append = (point: Point, line: string): void => {
  const joined = startsLower(line) && !DASH.test(line) && !/[.;:!?]$/.test(point.text)
  point.text = point.text === '' ? line : `${point.text}${joined ? ' ' : '\n'}${line}`
}

export const readPoints = (lines: readonly Line[], notes: Notes): ReadPoints => {
  const root: Point[] = []
  const markers: string[] = []
  const stack: Open[] = []
  const anyMarker = lines.some((l) => markerOf(l.text))
  const paths = new Map<Point, string>()

  const add = (point: Point, parent: Open | undefined): string => {
    const siblings = parent ? (parent.point.points ??= []) : root
    siblings.push(point)
    const path = `${parent ? `${parent.path}.points` : 'points'}.${siblings.length - 1}`
    paths.set(point, path)
    return path
  }

  for (const line of lines) {
    const text = line.text.replace(/\t+/g, ' ').trim()
    const marker = markerOf(text)
    if (!marker) {
      const top = stack[stack.length - 1]
      // without numbers each paragraph is a point; a control sentence is its own point whatever precedes it
      if (!top || !anyMarker || CONTROL.test(text)) {
        const point: Point = { text }
        stack.length = 0
        add(point, undefined)
        if (anyMarker)
          stack.push({
            style: 'none',
            point,
            path: paths.get(point)!,
            marker: { written: '', style: 'none', parts: [], text },
          })
        continue
      }
      append(top.point, text)
      continue
    }
    markers.push(marker.written)
    const found = stack.map((o) => o.style).lastIndexOf(marker.style)
    if (found >= 0) stack.length = found
    else if (marker.style.startsWith('dot')) {
      while (stack.length && depthOf(stack[stack.length - 1]!.style) >= depthOf(marker.style)) stack.pop()
      if (stack.length && stack[stack.length - 1]!.style === 'none') stack.pop()
    } else if (stack.length && stack[stack.length - 1]!.style === 'none') stack.pop()
    const parent = stack[stack.length - 1]
    const point: Point = { text: marker.text }
    const path = add(point, parent)
    stack.push({ style: marker.style, point, path, marker })
    if (stack.length > LIMITS.order.pointDepth)
      doubt(notes, path, `Пункт «${marker.written}» вложен глубже ${LIMITS.order.pointDepth} уровней`)
    checkNumber(notes, stack, path)
  }

  let control: string | undefined
  const last = root[root.length - 1]
  if (last && !last.points?.length && CONTROL.test(last.text)) {
    control = last.text
    root.pop()
    // the control sentence is no point: what was said of its number no longer applies
    const gone = `points.${root.length}`
    notes.doubts = notes.doubts.filter((d) => d.path !== gone)
  }
  root.forEach((p, i) => {
    if (CONTROL.test(p.text))
      doubt(notes, `points.${i}`, 'Пункт о контроле стоит не последним: оставлен пунктом, проверьте порядок')
  })
  return { points: root, ...(control ? { control } : {}), markers }
}

/** The number the system will give, compared with the written one: «2.1.» under «3.» is a doubt. */
const checkNumber = (notes: Notes, stack: readonly Open[], path: string): void => {
  const own = stack[stack.length - 1]!
  const indexes = path
    .split('.')
    .filter((s) => /^\d+$/.test(s))
    .map((s) => Number(s) + 1)
  const m = own.marker
  if (m.style.startsWith('dot')) {
    // the numbers of the dotted levels above it, as the system will write them
    const system = indexes.slice(indexes.length - m.parts.length)
    if (indexes.length >= m.parts.length && system.join('.') !== m.parts.join('.'))
      doubt(
        notes,
        path,
        `Пункт написан «${m.written}», а по порядку это ${indexes.join('.')}.: номер даст система, проверьте нумерацию`,
      )
  } else if (m.style === 'paren' || m.style === 'letter') {
    const n = indexes[indexes.length - 1]
    if (m.parts[0] !== n)
      doubt(notes, path, `Пункт написан «${m.written}», а по порядку он ${n}-й: проверьте нумерацию`)
  }
}
