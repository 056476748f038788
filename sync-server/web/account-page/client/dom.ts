// The page's only way to put text on screen: DOM nodes with textContent, never HTML parsing, so a
// meeting title like `<img src=x onerror=...>` from the relay is shown exactly as typed.
export type Child = Node | string | null | false;

export interface ElementProps {
  readonly className?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className !== undefined) node.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  // append(string) makes a Text node: the string is never parsed as markup.
  for (const child of children) if (child !== null && child !== false) node.append(child);
  return node;
}

export class MissingElementError extends Error {
  override readonly name = 'MissingElementError';
}

export function byId<T extends HTMLElement>(id: string, type: abstract new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new MissingElementError(`#${id} is missing from the page`);
  return node;
}

export type StatusTone = 'ok' | 'error' | 'busy';

export function showStatus(node: HTMLElement, text: string, tone: StatusTone): void {
  node.textContent = text;
  node.dataset.tone = tone;
}

export function clearStatus(node: HTMLElement): void {
  node.textContent = '';
  delete node.dataset.tone;
}

/** Runs an action with its button disabled, so a double click cannot send it twice. */
export async function whileBusy(button: HTMLButtonElement, action: () => Promise<void>): Promise<void> {
  button.disabled = true;
  try {
    await action();
  } finally {
    button.disabled = false;
  }
}
