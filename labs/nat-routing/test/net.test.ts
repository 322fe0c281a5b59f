import { describe, expect, it } from 'vitest';
import { inSubnet, nearestTo, parseCapture, parseConntrack } from '../checks/net.ts';
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

describe('parseConntrack', () => {
  it('reads each connection with the bytes of both directions, skipping lines without counters', () => {
    // Seen in the lab's internet host (conntrack 1.4.7, nf_conntrack_acct=1); the third line is how an
    // entry looks with accounting off.
    const text = `ipv4     2 tcp      6 86399 TIME_WAIT src=203.0.113.2 dst=203.0.113.10 sport=49428 dport=80 packets=830 bytes=43336 src=203.0.113.10 dst=203.0.113.2 sport=80 dport=49428 packets=1302 bytes=67437478 [ASSURED] mark=0 use=1
ipv4     2 tcp      6 86397 TIME_WAIT src=127.0.0.1 dst=127.0.0.1 sport=41490 dport=80 packets=6 bytes=399 src=127.0.0.1 dst=127.0.0.1 sport=80 dport=41490 packets=4 bytes=374 [ASSURED] mark=0 use=1
ipv4     2 tcp      6 431999 ESTABLISHED src=203.0.113.3 dst=203.0.113.10 sport=50000 dport=80 src=203.0.113.10 dst=203.0.113.3 sport=80 dport=50000 [ASSURED] mark=0 use=1
conntrack v1.4.7 (conntrack-tools): 3 flow entries have been shown.`;
    expect(parseConntrack(text)).toEqual([
      {
        client: '203.0.113.2',
        server: '203.0.113.10',
        serverPort: 80,
        sentBytes: 43_336,
        repliedBytes: 67_437_478,
      },
      { client: '127.0.0.1', server: '127.0.0.1', serverPort: 80, sentBytes: 399, repliedBytes: 374 },
    ]);
  });
});

describe('nearestTo', () => {
  it('picks the value nearest the target, the first on a tie or without a target, none from none', () => {
    expect(nearestTo([67_300_000, 67_210_000, 67_500_000], 67_215_000)).toBe(67_210_000);
    expect(nearestTo([10, 20], 15)).toBe(10);
    expect(nearestTo([10, 20], Number.NaN)).toBe(10);
    expect(nearestTo([], 15)).toBeUndefined();
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
