import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }

/**
 * axe-core's serious and critical violations on the page as it is now. The script goes in through
 * the DevTools protocol (evaluate), which the page's CSP does not govern, so the CSP stays as served.
 */
export const seriousViolations = async (page: Page) => {
  await page.evaluate(axeSource)
  const violations = (await page.evaluate(() =>
    (globalThis as any).axe.run(document, { resultTypes: ['violations'] }).then((r: any) => r.violations),
  )) as AxeViolation[]
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target).slice(0, 3))}`)
}

const artifacts = join(import.meta.dirname, '..', '..', '.tmp', 'screenshots')

/** A full-page screenshot kept as a test artifact (.tmp/screenshots), to be looked at. */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(artifacts, { recursive: true })
  const path = join(artifacts, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
