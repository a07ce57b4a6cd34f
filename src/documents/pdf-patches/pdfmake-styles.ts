/** pdfmake's patch of its style lookups: the same walk of the style stack, without a closure and a set a property. */
import { createRequire } from 'node:module'
import { fenced } from '../../patch-fence'

const requireHere = createRequire(import.meta.url)

type Style = Record<string, unknown> & { extends?: string | string[] }
type StyleStack = {
  styleDictionary: Record<string, Style | undefined>
  defaultStyle?: Style
  styleOverrides: (string | Record<string, unknown>)[]
  getProperty: (property: string) => unknown
}
type Styled = Record<string, unknown> & { style?: string | string[]; section?: unknown }

const isValue = (v: unknown) => v !== undefined && v !== null
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String

/** A property of a named style or of the styles it extends (the last parent first), as pdfmake reads it. */
const fromNamedStyle = (
  styles: StyleStack['styleDictionary'],
  name: string,
  property: string,
  visited?: Set<string>,
): unknown => {
  const style = styles[name]
  if (!style) return undefined
  if (isValue(style[property])) return style[property]
  if (!style.extends) return undefined
  const seen = visited ?? new Set<string>()
  seen.add(name)
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends]
  for (let i = parents.length - 1; i >= 0; i--) {
    if (seen.has(parents[i]!)) continue
    const value = fromNamedStyle(styles, parents[i]!, property, seen)
    if (isValue(value)) return value
  }
  return undefined
}

/**
 * pdfmake reads some twenty style properties of every piece of text, each by pushing the piece on its style
 * stack and making a closure and a set to walk it: most of the garbage a layout makes. The same walk
 * (the piece, its named styles last first, then the stack top down, then the default style) without them.
 */
export const readStylesInPlace = () => {
  const fromPdfmake = createRequire(requireHere.resolve('pdfmake'))
  type Stack = {
    prototype: StyleStack
    getStyleProperty: (item: Styled, stack: StyleStack | undefined, property: string, fallback: unknown) => unknown
  }
  const StyleContextStack = (fromPdfmake('./StyleContextStack.js') as { default: Stack }).default
  fenced(
    'pdfmake',
    'StyleContextStack.prototype.getProperty',
    StyleContextStack.prototype.getProperty,
    '1f44d5be2de5a5d4',
  )
  fenced('pdfmake', 'StyleContextStack.getStyleProperty', StyleContextStack.getStyleProperty, 'ca42470130b7e9d1')
  StyleContextStack.prototype.getProperty = function (this: StyleStack, property) {
    for (let i = this.styleOverrides.length - 1; i >= 0; i--) {
      const item = this.styleOverrides[i]!
      if (isString(item)) {
        const value = fromNamedStyle(this.styleDictionary, String(item), property)
        if (isValue(value)) return value
      } else if (isValue(item[property])) return item[property]
    }
    return this.defaultStyle?.[property]
  }
  StyleContextStack.getStyleProperty = (item, stack, property, fallback) => {
    if (isValue(item[property])) return item[property]
    if (!stack) return fallback
    if (!isString(item) && item.section === undefined && item.style) {
      const names = Array.isArray(item.style) ? item.style : [item.style]
      for (let i = names.length - 1; i >= 0; i--) {
        const value = isString(names[i])
          ? fromNamedStyle(stack.styleDictionary, String(names[i]), property)
          : (names[i] as unknown as Record<string, unknown>)[property]
        if (isValue(value)) return value
      }
    }
    const value = stack.getProperty(property)
    return isValue(value) ? value : fallback
  }
  // A text's words are measured under one state of the stack (nothing is pushed or popped meanwhile, and the
  // nodes on it are not changed): what the stack says of a property is read once per text, not once per word.
  type Inlines = { prototype: { buildInlines: (text: unknown, stack?: StyleStack) => unknown } }
  const TextInlines = (fromPdfmake('./TextInlines.js') as { default: Inlines }).default
  const buildInlines = fenced(
    'pdfmake',
    'TextInlines.prototype.buildInlines',
    TextInlines.prototype.buildInlines,
    '327a931593789411',
  )
  TextInlines.prototype.buildInlines = function (text, stack) {
    if (!stack) return buildInlines.call(this, text, stack)
    const read = new Map<string, unknown>()
    stack.getProperty = (property) => {
      if (!read.has(property)) read.set(property, StyleContextStack.prototype.getProperty.call(stack, property))
      return read.get(property)
    }
    try {
      return buildInlines.call(this, text, stack)
    } finally {
      delete (stack as Partial<StyleStack>).getProperty
    }
  }
}
