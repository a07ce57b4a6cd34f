import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { type Browser, chromium, type Locator, type Page, type Response } from 'playwright-core'

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

/**
 * Sends a form the way a keyboard user does: focus on its button, Enter. Not a mouse click: on a page that
 * frames a PDF, Playwright scrolls the button into view and clicks at once, and Chromium may route that click
 * by the hit-test data of the frame before the scroll, to the out-of-process PDF viewer that was under that
 * point; the page never sees it and no form is sent (more often the busier the machine). Keys go to the
 * focused element with no hit test. Returns the answer to the POST; a refusal (4xx, 5xx) fails here with
 * the page's error notice and a screenshot named `name`, rather than as a wait for a page that never comes.
 */
export const submitWithKeyboard = async (page: Page, button: Locator, name: string): Promise<Response> => {
  const [answer] = await Promise.all([
    page
      .waitForResponse((r) => r.request().method() === 'POST' && r.request().frame() === page.mainFrame())
      .catch(async (e: unknown) => {
        const shot = await screenshot(page, `${name}-unanswered`).catch(() => 'none')
        throw new Error(`no answer to a POST from ${page.url()}: ${String(e)} (screenshot ${shot})`)
      }),
    button.press('Enter'),
  ])
  if (answer.status() >= 400) {
    await page.waitForLoadState('domcontentloaded')
    const notice = await page
      .locator('.notice.error, [role=alert]')
      .first()
      .textContent({ timeout: 5_000 })
      .catch(() => null)
    const shot = await screenshot(page, `${name}-refused`)
    throw new Error(
      `POST ${answer.url()} answered ${answer.status()}: ${notice?.trim() || 'no error notice on the page'} (screenshot ${shot})`,
    )
  }
  return answer
}
