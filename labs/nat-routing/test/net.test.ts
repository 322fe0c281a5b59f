import { describe, expect, it } from 'vitest';
import { inSubnet, parseCapture } from '../checks/net.ts';
import { publicSubnetIsDocumentation } from '../checks/safety.ts';

describe('parseCapture', () => {
  it('reads interface, direction, addresses, ports and flags from tcpdump -i any lines', () => {
    const text = `tcpdump: data link type LINUX_SLL2
listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes
22:50:45.728084 eth0  In  IP 10.213.0.12.57582 > 203.0.113.10.80: Flags [S], seq 1097010784, win 64240, length 0
22:50:45.728110 eth1  Out IP 203.0.113.2.57582 > 203.0.113.10.80: Flags [S], seq 1097010784, win 64240, length 0
22:50:45.728179 eth1  In  IP 203.0.113.10.80 > 203.0.113.2.57582: Flags [S.], seq 3238836346, ack 1097010785, length 0
6 packets captured`;
    expect(parseCapture(text)).toEqual([
      {
        iface: 'eth0',
        direction: 'In',
        src: '10.213.0.12',
        srcPort: 57582,
        dst: '203.0.113.10',
        dstPort: 80,
        flags: 'S',
      },
      {
        iface: 'eth1',
        direction: 'Out',
        src: '203.0.113.2',
        srcPort: 57582,
        dst: '203.0.113.10',
        dstPort: 80,
        flags: 'S',
      },
      {
        iface: 'eth1',
        direction: 'In',
        src: '203.0.113.10',
        srcPort: 80,
        dst: '203.0.113.2',
        dstPort: 57582,
        flags: 'S.',
      },
    ]);
  });
});

describe('inSubnet', () => {
  it('includes the ends of a subnet and nothing past them', () => {
    expect(inSubnet('10.213.0.32', '10.213.0.32/27')).toBe(true);
    expect(inSubnet('10.213.0.63', '10.213.0.32/27')).toBe(true);
    expect(inSubnet('10.213.0.64', '10.213.0.32/27')).toBe(false);
    expect(inSubnet('10.213.0.31', '10.213.0.32/27')).toBe(false);
  });
});

describe('publicSubnetIsDocumentation', () => {
  it('accepts the 16 instance slots inside 203.0.113.0/24 and refuses the 17th', async () => {
    for (const slot of [0, 15]) {
      await expect(publicSubnetIsDocumentation({ subnet: () => `203.0.113.${slot * 16}/28` })).resolves.toBe(
        undefined,
      );
    }
    await expect(publicSubnetIsDocumentation({ subnet: () => '203.0.114.0/28' })).rejects.toThrow(
      /outside the documentation range 203\.0\.113\.0\/24/,
    );
  });
});
