import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';

/**
 * A person driving the page: by mouse (clicks, typing into fields they clicked) or by keyboard
 * only (Tab / Shift+Tab to reach a control, Enter to activate, typing, Space for the file
 * chooser, Escape). One flow runs with either, so both prove the same things.
 */
export interface Actor {
  readonly name: 'mouse' | 'keyboard';
  /** Activates a link, button or summary. */
  press(target: Locator): Promise<void>;
  fill(target: Locator, text: string): Promise<void>;
  /** Chooses a dropdown option by its value (the keyboard types the start of its text, as a person does). */
  choose(target: Locator, value: string): Promise<void>;
  upload(target: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void>;
  /** Answers the open confirmation dialog. */
  answer(page: Page, answer: 'confirm' | 'cancel'): Promise<void>;
}

export const mouse: Actor = {
  name: 'mouse',
  press: (target) => target.click(),
  async fill(target, text) {
    await target.click();
    await target.fill(text);
  },
  choose: async (target, value) => { await target.selectOption(value); },
  upload: (target, file) => target.setInputFiles(file),
  async answer(page, answer) {
    await page.locator(`dialog.confirm[open] button[data-answer="${answer}"]`).click();
  },
};

const MAX_TABS = 400;

/**
 * Moves the focus to `target` with Tab (Shift+Tab when it comes earlier in the page), as a
 * person would, and checks that the focus is visible there (an outline the stylesheet draws).
 */
export async function tabTo(target: Locator): Promise<void> {
  const page = target.page();
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: no such element');
  const backwards = await handle.evaluate((el) => {
    const active = document.activeElement;
    return !!active && active !== document.body && !!(active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  });
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await handle.evaluate((el) => el === document.activeElement)) {
      const outline = await handle.evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(outline.style, 'a visible focus indicator').to.not.equal('none');
      expect(outline.width, 'a visible focus indicator').to.be.greaterThan(0);
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`tabTo: ${MAX_TABS} presses of Tab never reached ${await handle.evaluate((el) => el.outerHTML.slice(0, 120))}`);
}

export const keyboard: Actor = {
  name: 'keyboard',
  async press(target) {
    await tabTo(target);
    await target.page().keyboard.press('Enter');
  },
  async fill(target, text) {
    await tabTo(target);
    await target.page().keyboard.press('ControlOrMeta+A');
    await target.page().keyboard.press('Delete');
    await target.page().keyboard.type(text);
  },
  async choose(target, value) {
    await tabTo(target);
    const text = (await target.locator(`option[value="${value}"]`).textContent()) ?? value;
    await target.page().keyboard.type(text); // type-ahead selects the option whose text starts so
    expect(await target.inputValue()).to.equal(value);
  },
  async upload(target, file) {
    // Space on the focused file input opens the chooser. Under a loaded CI machine the page sometimes
    // re-renders between the Tab that focused the input and the Space (the focus is then elsewhere and
    // no chooser opens): Tab to it again, up to three times; a chooser that never opens still fails.
    const page = target.page();
    for (let attempt = 1; ; attempt += 1) {
      await tabTo(target);
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
      await page.keyboard.press('Space');
      try {
        await (await chooser).setFiles(file);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  },
  async answer(page, answer) {
    const dialog = page.locator('dialog.confirm[open]');
    await dialog.waitFor();
    // Cancel has the focus first: a stray Enter loses nothing. Escape cancels; Tab reaches the action.
    expect(await dialog.locator('button[data-answer="cancel"]').evaluate((b) => b === document.activeElement)).to.equal(true);
    if (answer === 'cancel') return page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await dialog.locator('button[data-answer="confirm"]').evaluate((b) => b === document.activeElement)).to.equal(true);
    await page.keyboard.press('Enter');
  },
};
