/**
 * Escaping for the text that tables and figures embed in HTML, SVG and Markdown.
 * @module
 */

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for use in HTML/SVG element content and in double- or single-quoted attributes
 * (`& < > " '`). Control characters other than tab, LF and CR are dropped, since XML 1.0 cannot
 * carry them and a browser would refuse the whole SVG.
 *
 * @example
 * ```ts
 * escapeXml('AUC <0.5 & "bad"'); // 'AUC &lt;0.5 &amp; &quot;bad&quot;'
 * ```
 */
export function escapeXml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing XML-illegal control characters is the point
  return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/**
 * Escapes text for a GitHub-flavoured Markdown table cell or paragraph: backslash, pipe,
 * emphasis and code markers, brackets and `<` are backslash-escaped; line breaks become spaces.
 *
 * @example
 * ```ts
 * escapeMarkdown('a|b *c*'); // 'a\\|b \\*c\\*'
 * ```
 */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/([\\|*_`[\]<>#])/g, '\\$1');
}
