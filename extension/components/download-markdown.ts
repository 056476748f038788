// Saves Markdown as a file named for its title: only letters, digits, spaces, '_' and '-' are
// kept, so the name is safe on every system, and 'meeting' stands in when nothing is left.
const REVOKE_DELAY_MS = 1_000 as const;

export function downloadMarkdown(title: string, text: string): void {
  const blob = new Blob([text], { type: 'text/markdown' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'meeting'}.md`;
  a.click();
  // The click starts the download asynchronously; revoking at once could cancel it.
  setTimeout(() => URL.revokeObjectURL(a.href), REVOKE_DELAY_MS);
}
