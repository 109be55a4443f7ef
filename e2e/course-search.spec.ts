// Issue 16: the course search. The index is a static file built with the site; typing in the
// header's box lists the lesson sections that match, Enter opens the first at its heading, the
// arrow keys walk the list, and a word no lesson uses says so.

import { expect, test } from '@playwright/test';

test('search finds a lesson section and opens it at its heading', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('searchbox', { name: 'Search the course' });
  await box.fill('ndots');
  const hits = page.getByRole('list', { name: 'Lessons matching ndots' }).getByRole('link');
  await expect(hits.first()).toBeVisible();
  const href = await hits.first().getAttribute('href');
  expect(href).toMatch(/^\/learn\/[a-z0-9-]+\/[a-z0-9-]+(#[a-z0-9-]+)?$/);

  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  const anchor = href!.split('#')[1];
  if (anchor) await expect(page.locator(`[id="${anchor}"]`)).toBeVisible();
  await expect(page.locator('article.lesson')).toContainText('ndots');
});

test('the arrow keys walk the hits, Escape closes them, and an unknown word says so', async ({ page }) => {
  await page.goto('/learn/pod-network/pod-network-model');
  const box = page.getByRole('searchbox', { name: 'Search the course' });
  await box.fill('conntrack');
  const hits = page.getByRole('list', { name: 'Lessons matching conntrack' }).getByRole('link');
  await expect(hits.nth(1)).toBeVisible();
  await box.press('ArrowDown');
  await expect(hits.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(hits.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(hits.first()).toBeHidden();
  await expect(box).toBeFocused();

  await box.fill('xylophonequartz');
  await expect(page.getByText('No lesson mentions “xylophonequartz”.')).toBeVisible();
});

test('the index is a static JSON file the build made', async ({ request }) => {
  const response = await request.get('/search-index.json');
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('application/json');
  const index = await response.json();
  expect(index.documentCount).toBeGreaterThan(50);
});
