/** The one HTML escaper: text (and attribute values) for pages the API writes itself. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
