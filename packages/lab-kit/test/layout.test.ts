import { describe, expect, it } from 'vitest';
import { fillTemplate, instanceLayout, layoutFits, layoutValues, maxSlot } from '../src/layout.ts';

const lab = {
  networks: { private: { subnet: '10.240.0.0/24' }, public: { subnet: '203.0.113.0/28' } },
  services: {
    node: { networks: [{ name: 'private', ip: '10.240.0.10' }] },
    nat: {
      networks: [
        { name: 'private', ip: '10.240.0.2' },
        { name: 'public', ip: '203.0.113.5' },
      ],
    },
    dynamic: { networks: [{ name: 'private' }] },
  },
};

describe('instance layouts', () => {
  it('slot 0 is the manifest as declared', () => {
    const layout = instanceLayout(lab, 0);
    expect(layout.subnets).toEqual({ private: '10.240.0.0/24', public: '203.0.113.0/28' });
    expect(layout.gateways).toEqual({ private: '10.240.0.1', public: '203.0.113.1' });
    expect(layout.addresses).toEqual({
      node: { private: '10.240.0.10' },
      nat: { private: '10.240.0.2', public: '203.0.113.5' },
    });
  });

  it('slot k shifts every subnet by k times its own size, and the fixed addresses with it', () => {
    const layout = instanceLayout(lab, 3);
    expect(layout.subnets).toEqual({ private: '10.240.3.0/24', public: '203.0.113.48/28' });
    expect(layout.gateways).toEqual({ private: '10.240.3.1', public: '203.0.113.49' });
    expect(layout.addresses.nat).toEqual({ private: '10.240.3.2', public: '203.0.113.53' });
  });

  it('no two slots overlap', () => {
    const seen: string[] = [];
    for (let slot = 0; slot < 16; slot++) {
      const layout = instanceLayout(lab, slot);
      expect(layoutFits(layout, seen)).toBe(true);
      seen.push(...Object.values(layout.subnets));
    }
    expect(layoutFits(instanceLayout(lab, 2), seen)).toBe(false);
  });

  it('stops before the address space ends', () => {
    expect(maxSlot({ networks: { a: { subnet: '255.255.254.0/24' } }, services: {} })).toBe(1);
  });

  it('fills briefing placeholders with an instance’s addresses and leaves unknown ones visible', () => {
    const values = layoutValues(instanceLayout(lab, 1));
    expect(
      fillTemplate(
        'route via {{ip:nat:private}} to {{subnet:public}} (gw {{ gateway:private }}); {{ip:ghost:private}}',
        values,
      ),
    ).toBe('route via 10.240.1.2 to 203.0.113.16/28 (gw 10.240.1.1); {{ip:ghost:private}}');
  });
});
