import { FeedError } from '@cc/shared';

/** Deepest element nesting accepted; a CAP alert needs 4 (alert/info/area/geocode). */
export const XML_MAX_DEPTH = 16;
/** Longest text node or attribute value accepted, in characters. */
export const XML_MAX_TEXT = 16_384;

/** `&` must start a predefined entity or a character reference: nothing else can be expanded. */
const BAD_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/;

function bad(reason: string): never {
  throw new FeedError('feed.bad_xml', reason);
}

/** Names what a `<!...>` declaration would do, for a reason an agency can act on. */
function declarationReason(decl: string): string {
  if (/<!ENTITY/i.test(decl)) {
    return /\b(SYSTEM|PUBLIC)\b/.test(decl)
      ? 'external entities (<!ENTITY … SYSTEM/PUBLIC>) are not allowed'
      : 'entity declarations (<!ENTITY>) are not allowed: no entity expansion';
  }
  if (/^<!DOCTYPE/i.test(decl)) return 'a DOCTYPE is not allowed: no DTDs, no entities';
  return `declaration ${decl.slice(0, 20)} is not allowed`;
}

function checkText(text: string, where: string): void {
  if (text.length > XML_MAX_TEXT) {
    bad(`${where} of ${text.length} characters; at most ${XML_MAX_TEXT}`);
  }
  if (BAD_REFERENCE.test(text)) {
    bad(`${where}: "&" must start &lt; &gt; &amp; &quot; &apos; or a character reference`);
  }
}

/** The end of a tag starting at `from` (the index of its `>`), honouring quoted attributes. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return bad('unterminated tag');
}

/**
 * Refuses, before any parser sees it, XML that could make parsing dangerous or costly: a DOCTYPE
 * or any other declaration (entity definitions, external entities, billion laughs), references to
 * undeclared entities, processing instructions other than the XML declaration, nesting deeper
 * than XML_MAX_DEPTH, and text longer than XML_MAX_TEXT. One linear pass, no recursion.
 */
export function guardXml(text: string): void {
  const start = text.search(/\S/);
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    checkText(text.slice(i, lt === -1 ? text.length : lt), 'text');
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) bad('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) bad('unterminated CDATA section');
      if (end - lt - 9 > XML_MAX_TEXT) bad(`CDATA section longer than ${XML_MAX_TEXT} characters`);
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      bad(declarationReason(text.slice(lt, lt + 4_096)));
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) bad('unterminated processing instruction');
      if (lt !== start || !/^<\?xml\s/.test(text.slice(lt, lt + 6))) {
        bad('processing instructions are not allowed (only the leading <?xml …?> declaration)');
      }
      i = end + 2;
    } else {
      const end = tagEnd(text, lt + 1);
      const tag = text.slice(lt + 1, end);
      for (const m of tag.matchAll(/"([^"]*)"|'([^']*)'/g)) {
        checkText(m[1] ?? m[2] ?? '', 'attribute value');
      }
      if (tag.startsWith('/')) depth--;
      else if (!tag.endsWith('/')) depth++;
      if (depth > XML_MAX_DEPTH) bad(`elements nested deeper than ${XML_MAX_DEPTH} levels`);
      i = end + 1;
    }
  }
}
