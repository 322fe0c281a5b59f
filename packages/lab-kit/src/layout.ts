// Where an instance's networks and fixed addresses are. A lab declares its layout once (slot 0); instance
// slot k shifts every subnet by k times that subnet's own size, and every fixed address with it, so
// several instances of one lab run side by side without overlapping. Pure arithmetic: no Docker here.

/** A parsed IPv4 subnet: base address (as an unsigned 32-bit number) and prefix length. */
export interface Cidr {
  base: number;
  prefix: number;
}

const OCTET = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as a number, or undefined when it is not a dotted quad with octets 0-255. */
export function parseIpv4(text: string): number | undefined {
  const match = OCTET.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Why a subnet string is not usable, or undefined when it is. */
export function subnetProblem(text: string): string | undefined {
  const [address = '', prefixText = '', extra] = text.split('/');
  if (extra !== undefined || !/^\d{1,2}$/.test(prefixText)) return 'must look like 172.30.10.0/24';
  const base = parseIpv4(address);
  if (base === undefined) return `'${address}' is not an IPv4 address (four numbers from 0 to 255)`;
  const prefix = Number(prefixText);
  if (prefix < 8 || prefix > 29) return 'the prefix must be between /8 and /29';
  if (base % size({ base, prefix }) !== 0) {
    return `${address} is not the first address of a /${prefix} (did you mean ${formatIpv4(base - (base % size({ base, prefix })))}/${prefix}?)`;
  }
  return undefined;
}

export function parseCidr(text: string): Cidr {
  const problem = subnetProblem(text);
  if (problem) throw new RangeError(`subnet ${text}: ${problem}`);
  const [address = '', prefix = ''] = text.split('/');
  return { base: parseIpv4(address) ?? 0, prefix: Number(prefix) };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

export function size(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function contains(cidr: Cidr, address: number): boolean {
  return address >= cidr.base && address < cidr.base + size(cidr);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** Docker's default gateway of a subnet: its first host address. */
export function defaultGateway(cidr: Cidr): number {
  return cidr.base + 1;
}

/** The addresses one instance of a lab uses. */
export interface InstanceLayout {
  slot: number;
  /** Subnet per network name, e.g. { lan: '10.231.8.0/24' }. */
  subnets: Record<string, string>;
  gateways: Record<string, string>;
  /** Fixed addresses per service and network (services without a fixed address are not listed). */
  addresses: Record<string, Record<string, string>>;
}

interface LayoutInput {
  networks: Record<string, { subnet: string; gateway?: string | undefined }>;
  services: Record<string, { networks: { name: string; ip?: string | undefined }[] }>;
}

/** Shifts one address of a declared subnet into the same place of that subnet in slot `slot`. */
function shift(declared: Cidr, address: number, slot: number): number {
  return address + slot * size(declared);
}

/** The highest slot whose every subnet still lies inside the IPv4 space. */
export function maxSlot(lab: LayoutInput): number {
  let max = Number.POSITIVE_INFINITY;
  for (const network of Object.values(lab.networks)) {
    const cidr = parseCidr(network.subnet);
    max = Math.min(max, Math.floor((2 ** 32 - cidr.base - size(cidr)) / size(cidr)));
  }
  return Number.isFinite(max) ? max : 0;
}

/** The layout of instance slot `slot` (slot 0 is exactly what the manifest declares). */
export function instanceLayout(lab: LayoutInput, slot: number): InstanceLayout {
  const subnets: Record<string, string> = {};
  const gateways: Record<string, string> = {};
  const declared: Record<string, Cidr> = {};
  for (const [name, network] of Object.entries(lab.networks)) {
    const cidr = parseCidr(network.subnet);
    declared[name] = cidr;
    subnets[name] = formatCidr({ base: shift(cidr, cidr.base, slot), prefix: cidr.prefix });
    const gateway = network.gateway ? (parseIpv4(network.gateway) ?? 0) : defaultGateway(cidr);
    gateways[name] = formatIpv4(shift(cidr, gateway, slot));
  }
  const addresses: Record<string, Record<string, string>> = {};
  for (const [service, definition] of Object.entries(lab.services)) {
    for (const attachment of definition.networks) {
      const cidr = declared[attachment.name];
      if (!attachment.ip || !cidr) continue;
      const own = addresses[service] ?? {};
      own[attachment.name] = formatIpv4(shift(cidr, parseIpv4(attachment.ip) ?? 0, slot));
      addresses[service] = own;
    }
  }
  return { slot, subnets, gateways, addresses };
}

/** True when no subnet of the layout overlaps one of `taken`. */
export function layoutFits(layout: InstanceLayout, taken: string[]): boolean {
  const used = taken.flatMap((text) => {
    try {
      return [parseCidr(text)];
    } catch {
      return [];
    }
  });
  return Object.values(layout.subnets).every((subnet) => {
    const cidr = parseCidr(subnet);
    return !used.some((other) => overlaps(cidr, other));
  });
}

/**
 * Fills `{{ip:service:network}}`, `{{subnet:network}}` and `{{gateway:network}}` in a briefing or hint
 * with an instance's values. Unknown placeholders are left as they are, so a typo shows.
 */
export function fillTemplate(
  text: string,
  values: {
    ip(service: string, network: string): string | undefined;
    subnet(network: string): string | undefined;
    gateway(network: string): string | undefined;
  },
): string {
  return text.replace(
    /\{\{\s*(ip|subnet|gateway):([a-z0-9-]+)(?::([a-z0-9-]+))?\s*\}\}/g,
    (whole, kind, a, b) => {
      const value =
        kind === 'ip'
          ? b
            ? values.ip(a, b)
            : undefined
          : kind === 'subnet'
            ? values.subnet(a)
            : values.gateway(a);
      return value ?? whole;
    },
  );
}

/** Template values of a layout, for fillTemplate. */
export function layoutValues(layout: InstanceLayout, running?: Record<string, Record<string, string>>) {
  return {
    ip: (service: string, network: string) =>
      running?.[service]?.[network] ?? layout.addresses[service]?.[network],
    subnet: (network: string) => layout.subnets[network],
    gateway: (network: string) => layout.gateways[network],
  };
}
