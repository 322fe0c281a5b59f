// Story 8's evidence pack: the unit prices the VictoriaMetrics bill rests on, per region, as a CSV a
// reader can sort: EC2 .large on demand for Intel and Graviton families, EBS gp3 and st1, and data
// transfer out to another region. Every value is a record of @storylabs/models' price data, with the
// date it was read; nothing is typed here.
import { awsRegions, ec2Families, prices } from '@storylabs/models';

const architecture = (family: string) => (family.endsWith('g') ? 'arm64' : 'x86_64');

export function ec2PriceListCsv(): string {
  const rows = [
    'region,family,architecture,usd_per_hour_large,ebs_gp3_usd_gib_month,ebs_st1_usd_gib_month,transfer_out_usd_gib,read_on',
  ];
  for (const region of awsRegions) {
    const rates = prices.aws[region];
    const transfer = prices.awsInterRegionTransferOutPerGib[region];
    for (const family of ec2Families) {
      const ec2 = rates.ec2LargeHour[family];
      rows.push(
        [
          region,
          family,
          architecture(family),
          ec2.usd,
          rates.ebsGp3GibMonth.usd,
          rates.ebsSt1GibMonth.usd,
          transfer?.usd ?? '',
          ec2.source.retrieved,
        ].join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}
