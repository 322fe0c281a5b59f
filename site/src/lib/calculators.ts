// What the calculators show for an input, shared by the server render (the default input, so the
// page works without JavaScript) and the islands' scripts. All arithmetic is @storylabs/models'.
import {
  type AwsRegion,
  formatBytes,
  formatNumber,
  formatUsd,
  GiB,
  gcpCloudNatMonthlyCost,
  gibFromTerabytes,
  processingShare,
  selfManagedNatMonthlyCost,
  vmClusterSizing,
  vmMonthlyCostByRegion,
} from '@storylabs/models';

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

export interface NatInput {
  /** Decimal TB, as people quote traffic; the bill counts GiB. */
  tbPerMonth: number;
  vms: number;
  natInstances: number;
  machineType: string;
}

export interface NatResult {
  cloudNat: string;
  processing: string;
  selfManaged: string;
  difference: string;
}

export function natResult(input: NatInput): NatResult {
  const gibPerMonth = gibFromTerabytes(input.tbPerMonth);
  const cloudNat = gcpCloudNatMonthlyCost({ gibPerMonth, vms: input.vms });
  const selfManaged = selfManagedNatMonthlyCost({
    gibPerMonth,
    instances: input.natInstances,
    machineType: input.machineType,
  });
  const difference = cloudNat.total - selfManaged.total;
  return {
    cloudNat: formatUsd(cloudNat.total),
    processing: `${formatUsd(cloudNat.processing)} (${percent.format(processingShare(cloudNat))} of the bill)`,
    selfManaged: formatUsd(selfManaged.total),
    difference:
      difference >= 0
        ? `${formatUsd(difference)} a month less with self-managed NAT`
        : `${formatUsd(-difference)} a month more with self-managed NAT`,
  };
}

export interface VmInput {
  activeSeries: number;
  scrapeIntervalSeconds: number;
  retentionMonths: number;
  replicationFactor: number;
  /** Measured per-sample costs (the lab's Part 1); the model's published defaults when left out. */
  bytesPerSampleOnDisk?: number;
  ramBytesPerActiveSeries?: number;
  from: AwsRegion;
  to: AwsRegion;
}

export interface VmResult {
  samplesPerSecond: string;
  disk: string;
  nodes: string;
  fromCost: string;
  toCost: string;
  difference: string;
}

export function vmResult(input: VmInput): VmResult {
  const sizing = vmClusterSizing({
    activeSeries: input.activeSeries,
    scrapeIntervalSeconds: input.scrapeIntervalSeconds,
    retentionMonths: input.retentionMonths,
    replicationFactor: input.replicationFactor,
    ...(input.bytesPerSampleOnDisk === undefined ? {} : { bytesPerSampleOnDisk: input.bytesPerSampleOnDisk }),
    ...(input.ramBytesPerActiveSeries === undefined
      ? {}
      : { ramBytesPerActiveSeries: input.ramBytesPerActiveSeries }),
  });
  const from = vmMonthlyCostByRegion(sizing, input.from);
  const to = vmMonthlyCostByRegion(sizing, input.to);
  const change = from.total === 0 ? 0 : (to.total - from.total) / from.total;
  const { vmstorage, vminsert, vmselect } = sizing.nodes;
  return {
    samplesPerSecond: formatNumber(Math.round(sizing.samplesPerSecond)),
    disk: formatBytes(sizing.diskGiB * GiB),
    nodes: `${vmstorage} vmstorage (${sizing.instanceTypes.vmstorage}), ${vminsert} vminsert, ${vmselect} vmselect`,
    fromCost: formatUsd(from.total),
    toCost: formatUsd(to.total),
    difference:
      change <= 0
        ? `${formatUsd(from.total - to.total)} a month less (${percent.format(-change)})`
        : `${formatUsd(to.total - from.total)} a month more (${percent.format(change)})`,
  };
}

/** Reads a number field of a calculator form; NaN when it is empty or not a number. */
export function numberField(form: HTMLFormElement, name: string): number {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement && field.value.trim() !== '' ? Number(field.value) : Number.NaN;
}

export function textField(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLSelectElement ? field.value : '';
}

function firstInvalidField(form: HTMLFormElement): HTMLInputElement | undefined {
  return [...form.querySelectorAll('input')].find(
    (input) => input.value.trim() === '' || !input.checkValidity(),
  );
}

/** Writes each result into the form's <output name="..."> elements, or says which input to fix. */
export function showResult(form: HTMLFormElement, compute: () => Record<string, string>): void {
  const error = form.querySelector<HTMLElement>('[data-calculator-error]');
  const fail = (message: string) => {
    if (error) error.textContent = message;
    form.setAttribute('data-invalid', '');
  };
  const invalid = firstInvalidField(form);
  if (invalid) {
    const label = invalid.labels?.[0]?.textContent?.trim() ?? invalid.name;
    fail(`${label}: ${invalid.validationMessage || 'enter a number'}`);
    return;
  }
  let result: Record<string, string>;
  try {
    result = compute();
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    fail(`Check the inputs: ${cause.message}.`);
    return;
  }
  for (const [name, value] of Object.entries(result)) {
    const output = form.elements.namedItem(name);
    if (output instanceof HTMLOutputElement) output.value = value;
  }
  if (error) error.textContent = '';
  form.removeAttribute('data-invalid');
}
