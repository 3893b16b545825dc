import type { MqttClient } from 'mqtt';

/** mqtt.js's private send method, the one place every outgoing packet passes through. */
type SendPacket = (
  packet: { cmd: string; messageId?: number },
  cb?: (err?: Error) => void,
  ...rest: unknown[]
) => void;

interface Held {
  id: number;
  stored: boolean;
  /** The PUBACK mqtt.js wanted to send, once it has. */
  packet?: { cmd: string; messageId?: number };
}

/**
 * "Acknowledged = stored" with many messages in hand. mqtt.js sends a QoS 1 message's PUBACK
 * when `handleMessage` calls back, and reads the next message only then, which would allow one
 * message at a time. This lets the callback come at once while the PUBACK waits: it is held
 * here until the message is stored, and PUBACKs go out in the order their messages came (MQTT
 * 3.1.1 §4.6). A connection that closes takes its held PUBACKs with it: the broker delivers
 * those messages again, and storing them again is idempotent.
 *
 * It replaces mqtt.js's private `_sendPacket` on this client (mqtt 5.x); a change there shows
 * as QoS 1 messages redelivered on every reconnect, which the restart test would catch.
 */
export function deferAcks(
  client: MqttClient,
  /** PUBACKs just left; `held` messages were unacknowledged before they did. */
  onAcked?: (held: number) => void,
) {
  // Private API, see above: typed here because mqtt.js does not export it.
  const target = client as unknown as { _sendPacket: SendPacket };
  const send = target._sendPacket.bind(client);
  let fifo: Held[] = [];
  let head = 0;
  let byId = new Map<number, Held>();

  function flush() {
    const before = fifo.length - head;
    while (head < fifo.length && fifo[head]!.stored && fifo[head]!.packet) {
      const held = fifo[head++]!;
      byId.delete(held.id);
      if (client.connected) send(held.packet!);
    }
    if (fifo.length - head < before) onAcked?.(before);
    if (head > 1024 && head * 2 > fifo.length) {
      fifo = fifo.slice(head);
      head = 0;
    }
  }

  target._sendPacket = (packet, cb, ...rest) => {
    const held = packet.cmd === 'puback' ? byId.get(packet.messageId ?? -1) : undefined;
    if (!held || held.packet) return send(packet, cb, ...rest);
    held.packet = packet;
    // mqtt.js goes on to the next message once this calls back.
    cb?.();
    flush();
  };

  client.on('close', () => {
    fifo = [];
    head = 0;
    byId = new Map();
  });

  return {
    /** A QoS 1 message is about to be handed over: its PUBACK waits for `stored`. */
    hold(messageId: number): Held {
      const held: Held = { id: messageId, stored: false };
      fifo.push(held);
      byId.set(messageId, held);
      return held;
    },
    /** The message is stored: its PUBACK (and any it held up) goes out. */
    stored(held: Held) {
      held.stored = true;
      if (byId.get(held.id) === held) flush();
    },
    /** PUBACKs waiting, for logs. */
    get waiting() {
      return fifo.length - head;
    },
  };
}
export type DeferredAcks = ReturnType<typeof deferAcks>;
