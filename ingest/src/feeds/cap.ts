import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { payloadText } from './decode';
import { FeedError } from '@cc/shared';
import { XML_MAX_DEPTH, guardXml } from './cap-guard';
import { capToWarningMessage } from './cap-map';

/** CAP elements that may repeat: always parsed as arrays, so one and many read alike. */
const REPEATED = new Set([
  'info',
  'area',
  'polygon',
  'circle',
  'geocode',
  'parameter',
  'resource',
  'eventCode',
  'responseType',
  'code',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  // Entities stay as written; cap-map decodes the five predefined ones and character references.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: XML_MAX_DEPTH + 1,
  isArray: (name) => REPEATED.has(name),
});

/** A warning payload is XML when its first non-whitespace byte is `<`. */
export function isXml(payload: Buffer): boolean {
  for (const byte of payload) {
    if (byte === 0x3c) return true;
    // Whitespace, or the UTF-8 byte order mark (EF BB BF).
    if (![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].includes(byte)) return false;
  }
  return false;
}

function parseXml(text: string): unknown {
  guardXml(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new FeedError(
      'feed.bad_xml',
      `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  }
  try {
    return parser.parse(text);
  } catch (err) {
    throw new FeedError('feed.bad_xml', `not well-formed XML: ${(err as Error).message}`);
  }
}

/**
 * Decodes a CAP 1.2 alert into the JSON form of a warning (`WarningMessage`, not yet validated:
 * the warning handler validates both forms with the same schema, so errors name the same paths).
 * Unsafe XML is refused before parsing (see cap-guard.ts).
 */
export function decodeCap(payload: Buffer, maxBytes: number): unknown {
  return capToWarningMessage(parseXml(payloadText(payload, maxBytes, 'feed.bad_xml')));
}
