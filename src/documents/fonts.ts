import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const root = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/pt-serif/package.json'))

/** PT Serif, full TTFs with Cyrillic (the per-script WOFF files of @fontsource lose digits when subset). */
export const ptSerif = {
  normal: join(root, '400Regular/PTSerif_400Regular.ttf'),
  bold: join(root, '700Bold/PTSerif_700Bold.ttf'),
  italics: join(root, '400Regular_Italic/PTSerif_400Regular_Italic.ttf'),
  bolditalics: join(root, '700Bold_Italic/PTSerif_700Bold_Italic.ttf'),
} as const

export const readFont = (path: string) => readFileSync(path)
