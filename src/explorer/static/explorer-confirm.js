// @ts-check
/**
 * Asks before an action that loses something (deleting a recipe, removing an image, logging
 * out). A modal <dialog>: the browser traps focus in it and Escape cancels; Cancel has the
 * focus first, so a stray Enter loses nothing. Focus returns to where it was.
 */
import { h } from './explorer-dom.js';

let nextId = 0;

export const LOGOUT_CONFIRMATION = {
  title: 'Log out?', message: 'You will need your password to log in again.', confirmLabel: 'Log out',
};

/**
 * Resolves to true when the person confirms, false when they cancel (button, Escape).
 * @param {{ title: string, message: string, confirmLabel: string }} question
 * @returns {Promise<boolean>}
 */
export function confirmAction({ title, message, confirmLabel }) {
  const id = `confirm-${++nextId}`;
  const returnTo = document.activeElement;
  const cancel = h('button', { type: 'button', class: 'secondary', 'data-answer': 'cancel', text: 'Cancel' });
  const confirm = h('button', { type: 'button', class: 'danger-solid', 'data-answer': 'confirm', text: confirmLabel });
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'confirm', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-message` },
    h('h2', { id: `${id}-title`, text: title }),
    h('p', { id: `${id}-message`, text: message }),
    h('div', { class: 'buttons' }, cancel, confirm)));
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer = false;
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
      resolve(answer);
    }, { once: true });
    dialog.showModal();
    cancel.focus();
  });
}
