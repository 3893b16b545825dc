import { EventEmitter } from 'node:events';

/**
 * A Socket.IO packet parser for the benchmark's many screens (socket.io-client's `parser`
 * option): it speaks the same protocol, but leaves telemetry frames unparsed and reports only
 * their size. On one machine the screens' own JSON parsing would otherwise be the heaviest load,
 * measuring the instrument instead of the server. Probe screens use the real parser.
 */
interface Packet {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
}

const TELEMETRY = '["telemetry",';

class Encoder {
  encode(packet: Packet): string[] {
    const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
    const data = packet.data === undefined ? '' : JSON.stringify(packet.data);
    return [`${packet.type}${nsp}${packet.id ?? ''}${data}`];
  }
}

class Decoder extends EventEmitter {
  add(chunk: unknown) {
    if (typeof chunk !== 'string') throw new Error('light parser: binary packets are not expected');
    const type = Number(chunk[0]);
    let i = 1;
    let nsp = '/';
    if (chunk[i] === '/') {
      const comma = chunk.indexOf(',', i);
      nsp = chunk.slice(i, comma < 0 ? undefined : comma);
      i = comma < 0 ? chunk.length : comma + 1;
    }
    let id = '';
    while (i < chunk.length && chunk[i]! >= '0' && chunk[i]! <= '9') id += chunk[i++];
    const rest = chunk.slice(i);
    const packet: Packet = { type, nsp };
    if (id) packet.id = Number(id);
    if (type === 2 && rest.startsWith(TELEMETRY))
      packet.data = ['telemetry', { light: rest.length }];
    else if (rest) packet.data = JSON.parse(rest) as unknown;
    this.emit('decoded', packet);
  }
  destroy() {
    this.removeAllListeners();
  }
}

export const lightParser = { Encoder, Decoder };
