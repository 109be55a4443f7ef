// Issue 13, point 7: "Watch the packet". In the NetworkPolicy lab, a failed reachability check
// opens as a picture of its walk, read here from the DOM hop by hop (where, which hook, in order):
// first a packet that is delivered when it should not be, then — after the wrong answer a learner
// really tries, a deny-all policy — a packet dropped at the NetworkPolicy hop, its rule shown. The
// keyboard steps through the hops. A `trace` typed in the terminal draws the same walk, and the
// page with the pictures open passes axe in both themes.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { signUp, startLab, typeCommand, waitForTerminal } from './support/learner';

const DENY_ALL = 'apiVersion: networking.k8s.io/v1\\nkind: NetworkPolicy\\nmetadata: {name: deny-all, namespace: production}\\nspec: {podSelector: {}, policyTypes: [Ingress]}';

/** The drawn hops, top to bottom, as `place · hook`. */
async function drawnHops(picture: Locator): Promise<string[]> {
  return (await picture.getByTestId('packet-hop').locator('.packet-hop__where').allInnerTexts()).map((t) => t.trim());
}

/** Where each hop of a `trace --brief` happened, as the terminal printed it (`pod/ns/name` → `pod ns/name`). */
function printedPlaces(screen: string): string[] {
  return [...screen.matchAll(/^ ?\d{1,2} {2}(pod|node)\/(\S+)/gm)].map(([, kind, name]) => `${kind} ${name}`);
}

async function openPicture(page: Page, testId: string): Promise<Locator> {
  const picture = page.getByTestId(testId);
  await expect(picture).toBeVisible({ timeout: 15_000 });
  await picture.locator('summary').click();
  await expect(picture.getByTestId('packet-hop').first()).toBeVisible();
  return picture;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a failed check and a typed trace draw their walk, hop by hop (${colorScheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await signUp(page);
    await page.goto('/labs/netpol-frontend-to-backend');
    await startLab(page);

    // Delivered when it should not be: monitoring's packet reaches the backend through the Service's DNAT.
    await expect(page.getByTestId('check-monitoring-denied')).toHaveAttribute('data-passed', 'false', { timeout: 20_000 });
    const delivered = await openPicture(page, 'packet-picture-monitoring-denied');
    await expect(delivered.getByTestId('packet-outcome')).toHaveText('delivered');
    const deliveredHops = await drawnHops(delivered);
    expect(deliveredHops.slice(0, 5)).toEqual([
      'pod production/monitoring · route (FIB)',
      'pod production/monitoring · veth',
      'node node-1 · nat PREROUTING',
      'node node-1 · route (FIB)',
      'node node-1 · veth',
    ]);
    expect(deliveredHops[5]).toMatch(/^pod production\/backend-[a-z0-9]+-[a-z0-9]+ · socket$/);
    expect(deliveredHops).toHaveLength(6);
    const hops = delivered.getByTestId('packet-hop');
    await expect(hops.nth(2)).toHaveAttribute('data-emphasis', 'rewritten');
    await expect(hops.nth(2)).toContainText(/-j DNAT --to-destination 10\.244\.\d+\.\d+:80/);
    await expect(hops.nth(5)).toHaveAttribute('data-emphasis', 'delivered');

    // The wrong answer: deny every ingress. Now the frontend's packet is dropped, and its picture says where.
    await typeCommand(page, `printf '${DENY_ALL}\\n' > deny.yaml && kubectl apply -f deny.yaml`);
    await waitForTerminal(page, /networkpolicy\.networking\.k8s\.io\/deny-all created/);
    await expect(page.getByTestId('check-frontend-allowed')).toHaveAttribute('data-passed', 'false', { timeout: 15_000 });
    const dropped = await openPicture(page, 'packet-picture-frontend-allowed');
    await expect(dropped.getByTestId('packet-outcome')).toHaveText('dropped');
    const droppedHops = await drawnHops(dropped);
    expect(droppedHops.at(-1)).toMatch(/^node node-\d · NetworkPolicy ingress$/);
    expect(droppedHops[0]).toBe('pod production/frontend · route (FIB)');
    const last = dropped.getByTestId('packet-hop').last();
    await expect(last).toHaveAttribute('data-emphasis', 'dropped');
    await expect(last).toContainText('selected by production/deny-all; no rule allows');
    await expect(dropped.getByTestId('packet-hop').and(page.locator('[data-emphasis="dropped"]'))).toHaveCount(1);

    // The keyboard steps through the hops: the list is one tab stop; Home, arrows and End move the current hop.
    const details = dropped.getByTestId('packet-hop-details');
    const count = droppedHops.length;
    await expect(details.locator('h4')).toHaveText(`Hop ${count} of ${count}: NetworkPolicy ingress`);
    await dropped.getByRole('listbox').focus();
    await page.keyboard.press('Home');
    await expect(details.locator('h4')).toHaveText(`Hop 1 of ${count}: route (FIB)`);
    await page.keyboard.press('ArrowDown');
    await expect(details.locator('h4')).toHaveText(`Hop 2 of ${count}: veth`);
    await page.keyboard.press('j');
    await expect(details.locator('h4')).toHaveText(`Hop 3 of ${count}: nat PREROUTING`);
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(details.locator('h4')).toHaveText(`Hop 1 of ${count}: route (FIB)`);
    await page.keyboard.press('End');
    await expect(details.locator('h4')).toHaveText(`Hop ${count} of ${count}: NetworkPolicy ingress`);
    await expect(dropped.getByRole('option', { selected: true })).toHaveAttribute('data-emphasis', 'dropped');

    // A walk typed: `trace` in the terminal draws beside it the very walk it printed, hop for hop. (Its
    // DNAT may pick another backend pod than the check's did, as kube-proxy's random choice does.)
    await typeCommand(page, 'trace -n production --brief pod/frontend svc/backend:8080');
    const screen = await waitForTerminal(page, /trace tcp from pod production\/frontend[^]*verdict: DROPPED/);
    const typed = await openPicture(page, 'packet-picture-trace');
    await expect(typed.locator('summary')).toContainText(/pod production\/frontend \(10\.244\.\d+\.\d+\) → svc production\/backend \(10\.\d+\.\d+\.\d+:8080\)/);
    const printed = printedPlaces(screen.slice(screen.lastIndexOf('trace tcp from pod production/frontend')));
    const typedHops = await drawnHops(typed);
    expect(typedHops.map((h) => h.split(' · ')[0])).toEqual(printed);
    expect(typedHops.at(-1)).toMatch(/ · NetworkPolicy ingress$/);
    await expect(typed.getByTestId('packet-hop').last()).toHaveAttribute('data-emphasis', 'dropped');

    expect(await seriousViolations(page)).toEqual([]);
  });
}
