// Lays out a lab's services, published ports and networks as a schematic: the learner's machine on
// top, one box per service below it, each Docker network a vertical bus on the right. A dot marks
// where a service joins a network (lines that cross without a dot are not connected). The layout is
// one column so it stays legible on a phone.
import type { Lab } from '@storylabs/lab-kit/manifest';

export interface DiagramText {
  x: number;
  y: number;
  text: string;
  anchor?: 'start' | 'end';
  weight?: 'bold';
}
export interface DiagramBox {
  x: number;
  y: number;
  width: number;
  height: number;
  kind: 'host' | 'service';
}
export interface DiagramLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  kind: 'loopback' | 'network';
  dashed?: boolean;
}
export interface DiagramDot {
  x: number;
  y: number;
}
export interface LabDiagram {
  width: number;
  height: number;
  boxes: DiagramBox[];
  lines: DiagramLine[];
  dots: DiagramDot[];
  texts: DiagramText[];
  /** The text alternative: every connection the picture shows, in words. */
  description: string;
}

type DiagramInput = Pick<Lab, 'services' | 'networks' | 'processes'>;

const WIDTH = 420;
const PAD = 8;
const LINE = 20;
const BUS_GAP = 28;
const DEFAULT_BRIDGE = "Docker's default bridge";

interface Bus {
  name: string;
  label: string;
  x: number;
}

/** "9100/tcp → 127.0.0.1:9100 · counters"; without a fixed host port the lab picks a free one. */
function portText(port: DiagramInput['services'][string]['ports'][number]): string {
  const host = port.host ? `127.0.0.1:${port.host}` : '127.0.0.1';
  const label = port.label ? ` · ${port.label}` : '';
  return `${port.container}/${port.protocol} → ${host}${label}`;
}

function networkLabel(name: string, network: DiagramInput['networks'][string] | undefined): string {
  if (!network) return name;
  return `${name} · ${network.subnet}${network.internal ? ' · internal' : ''}`;
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function layoutLabDiagram(lab: DiagramInput): LabDiagram {
  const services = Object.entries(lab.services);
  const processes = Object.entries(lab.processes);
  const usesDefaultBridge = services.some(([, service]) => service.networks.length === 0);
  const busNames = [...Object.keys(lab.networks), ...(usesDefaultBridge ? [DEFAULT_BRIDGE] : [])];
  const buses: Bus[] = busNames.map((name, i) => ({
    name,
    label: networkLabel(name, lab.networks[name]),
    x: WIDTH - PAD - 12 - i * BUS_GAP,
  }));

  const boxes: DiagramBox[] = [];
  const lines: DiagramLine[] = [];
  const dots: DiagramDot[] = [];
  const texts: DiagramText[] = [];
  const sentences: string[] = [];

  // The learner's machine, with the programs the lab runs on it.
  const hostLines = ['Your machine · 127.0.0.1', ...processes.map(([id, p]) => `runs ${p.label ?? id}`)];
  const hostHeight = 16 + hostLines.length * LINE;
  boxes.push({ x: PAD, y: PAD, width: WIDTH - 2 * PAD, height: hostHeight, kind: 'host' });
  hostLines.forEach((text, i) => {
    texts.push({
      x: PAD + 12,
      y: PAD + 26 + i * LINE,
      text,
      ...(i === 0 ? { weight: 'bold' as const } : {}),
    });
  });
  sentences.push(
    processes.length > 0
      ? `Your machine, at 127.0.0.1, runs ${joinWords(processes.map(([id, p]) => p.label ?? id))}.`
      : 'Your machine is at 127.0.0.1.',
  );

  // One label row per network, right-aligned on its bus.
  let y = PAD + hostHeight + 24;
  const busTop = new Map<string, number>();
  for (const bus of buses) {
    texts.push({ x: bus.x + 4, y, text: bus.label, anchor: 'end' });
    busTop.set(bus.name, y + 6);
    y += LINE + 2;
  }

  const loopbackX = PAD + 14;
  const boxLeft = PAD + 34;
  const leftmostBus = buses.length > 0 ? Math.min(...buses.map((b) => b.x)) : WIDTH - PAD;
  const boxRight = buses.length > 0 ? leftmostBus - 28 : WIDTH - PAD;
  let lowestJoin = y;
  let lowestLoopback = 0;

  y += 8;
  for (const [name, service] of services) {
    const joins = service.networks.length > 0 ? service.networks : [{ name: DEFAULT_BRIDGE, ip: undefined }];
    // One line per fact, so every connector starts at the line it stands for: ports on the left
    // (towards your machine), networks on the right (towards their bus).
    const portLines = service.ports.map(portText);
    const networkLines = joins.map((join) =>
      join.name === DEFAULT_BRIDGE ? `on ${DEFAULT_BRIDGE}` : `${join.name}${join.ip ? ` · ${join.ip}` : ''}`,
    );
    const serviceLines = [name, ...portLines, ...networkLines];
    const height = 14 + serviceLines.length * LINE;
    const lineY = (i: number) => y + 24 + i * LINE;
    boxes.push({ x: boxLeft, y, width: boxRight - boxLeft, height, kind: 'service' });
    serviceLines.forEach((text, i) => {
      texts.push({ x: boxLeft + 10, y: lineY(i), text, ...(i === 0 ? { weight: 'bold' as const } : {}) });
    });

    service.ports.forEach((_, i) => {
      const portY = lineY(1 + i) - 5;
      lines.push({ x1: loopbackX, y1: portY, x2: boxLeft, y2: portY, kind: 'loopback' });
      dots.push({ x: loopbackX, y: portY });
      lowestLoopback = Math.max(lowestLoopback, portY);
    });
    if (service.ports.length > 0) {
      sentences.push(
        `${name} publishes ${joinWords(service.ports.map((p) => `${p.container}/${p.protocol}${p.label ? ` (${p.label})` : ''}`))} on 127.0.0.1${service.ports.some((p) => p.host) ? '' : ', on a free port'}.`,
      );
    }

    joins.forEach((join, i) => {
      const bus = buses.find((b) => b.name === join.name);
      if (!bus) return;
      const stubY = lineY(1 + portLines.length + i) - 5;
      lines.push({ x1: boxRight, y1: stubY, x2: bus.x, y2: stubY, kind: 'network' });
      dots.push({ x: bus.x, y: stubY });
      lowestJoin = Math.max(lowestJoin, stubY);
    });
    sentences.push(
      `${name} is on ${joinWords(
        joins.map((join) => {
          const network = lab.networks[join.name];
          const detail = network
            ? ` (${network.subnet}${network.internal ? ', internal: no route off the Docker host' : ''})`
            : '';
          return `${join.name === DEFAULT_BRIDGE ? DEFAULT_BRIDGE : `the ${join.name} network`}${detail}${join.ip ? ` at ${join.ip}` : ''}`;
        }),
      )}.`,
    );
    y += height + 16;
  }

  for (const bus of buses) {
    const top = busTop.get(bus.name) ?? y;
    const internal = lab.networks[bus.name]?.internal ?? false;
    lines.push({ x1: bus.x, y1: top, x2: bus.x, y2: lowestJoin + 10, kind: 'network', dashed: internal });
  }
  if (lowestLoopback > 0) {
    lines.push({ x1: loopbackX, y1: PAD + hostHeight, x2: loopbackX, y2: lowestLoopback, kind: 'loopback' });
  }

  return {
    width: WIDTH,
    height: y - 8 + PAD,
    boxes,
    lines,
    dots,
    texts,
    description: sentences.join(' '),
  };
}
