// The lab proves itself: broken at start, each wrong fix fails naming the broken hop, the reference
// solution passes everything, a second instance runs beside the first, and nothing is left behind.
// No packet leaves the lab: the tests only ask routing tables (`ip route get`) about outside addresses.
import { labHarness } from '@storylabs/lab-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsNatGatewayCost, awsNatInstancesCost, gcpCloudNatCost, gcpNatVmsCost } from '../checks/cost.ts';
import { OFF_LAB_ADDRESS, routesOffTheLab } from '../checks/safety.ts';

const lab = labHarness(new URL('..', import.meta.url));
const other = labHarness(new URL('..', import.meta.url));

beforeAll(async () => {
  await Promise.all([lab.up(), other.up()]);
}, 900_000);

afterAll(async () => {
  await Promise.allSettled([lab.down(), other.down()]);
}, 180_000);

async function sh(service: string, script: string): Promise<string> {
  const result = await lab.ctx.exec(service, ['sh', '-c', script]);
  if (result.exitCode !== 0) throw new Error(`${service}: ${script}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

const privateIf = (nat: string) =>
  `$(ip -4 -o addr show | awk '$4 ~ /^${lab.ctx.address(nat, 'private').replaceAll('.', '\\.')}\\// {print $2}')`;
const publicIf = (nat: string) =>
  `$(ip -4 -o addr show | awk '$4 ~ /^${lab.ctx.address(nat, 'public').replaceAll('.', '\\.')}\\// {print $2}')`;

/** Back to the starting state on NAT-A and the nodes: no rules, FORWARD policy DROP, no node routes. */
async function reset(): Promise<void> {
  await sh(
    'nat-a',
    `iptables -w -F FORWARD; iptables -w -P FORWARD DROP
     iptables -w -t nat -S POSTROUTING | grep '^-A' | grep -v DOCKER | sed 's/^-A //' |
       while read -r rule; do eval "iptables -w -t nat -D $rule"; done`,
  );
  for (const node of ['node-1', 'node-2']) await sh(node, 'ip -4 route flush exact 0.0.0.0/0 || true');
}

async function routeNodesVia(address: string): Promise<void> {
  for (const node of ['node-1', 'node-2']) await sh(node, `ip route replace default via ${address}`);
}

const GOOD_FORWARD = (nat: string) =>
  `iptables -w -A FORWARD -i ${privateIf(nat)} -o ${publicIf(nat)} -j ACCEPT
   iptables -w -A FORWARD -i ${publicIf(nat)} -o ${privateIf(nat)} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`;

describe('nat-routing', () => {
  it('gives no host a route off the lab', async () => {
    expect(await routesOffTheLab(lab.ctx)).toEqual({});
    for (const service of ['node-1', 'nat-a', 'internet']) {
      expect(await sh(service, 'ip -4 route show default')).toBe('');
    }
  }, 60_000);

  it('runs two instances at once on their own subnets', () => {
    for (const network of ['private', 'public']) {
      expect(other.ctx.subnet(network)).not.toBe(lab.ctx.subnet(network));
    }
    expect(other.ctx.address('internet', 'public')).not.toBe(lab.ctx.address('internet', 'public'));
    expect(other.ctx.subnet('public')).toMatch(/^203\.0\.113\./);
  });

  it('starts broken: the nodes have no route, and nothing after objective 1 passes', async () => {
    const results = await lab.check();
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['reach-through-nat-a']?.status).toBe('fail');
    expect(byId['reach-through-nat-a']?.reason).toMatch(/node-1 has no route to the internet host/);
    for (const id of ['internet-sees-nat-a', 'no-inbound-connections', 'failover']) {
      expect(byId[id]?.status).not.toBe('pass');
    }
  }, 120_000);

  describe('wrong fixes fail naming the broken hop', () => {
    it("a node's route pointing at itself", async () => {
      await reset();
      await sh(
        'nat-a',
        `${GOOD_FORWARD('nat-a')}\niptables -w -t nat -A POSTROUTING -o ${publicIf('nat-a')} -j MASQUERADE`,
      );
      await sh('node-1', `ip route replace default via ${lab.ctx.address('node-1', 'private')}`);
      await lab.expectFail(
        'reach-through-nat-a',
        /node-1's route to the internet host points at node-1 itself/,
      );
    }, 120_000);

    it('FORWARD policy DROP without a rule', async () => {
      await reset();
      await sh('nat-a', `iptables -w -t nat -A POSTROUTING -o ${publicIf('nat-a')} -j MASQUERADE`);
      await routeNodesVia(lab.ctx.address('nat-a', 'private'));
      await lab.expectFail(
        'reach-through-nat-a',
        /NAT-A receives node-1's packets on \S+ \(private\) but never sends them out of \S+ \(public\): its FORWARD chain drops them \(policy DROP/,
      );
    }, 120_000);

    it('MASQUERADE on the private interface', async () => {
      await reset();
      await sh(
        'nat-a',
        `${GOOD_FORWARD('nat-a')}\niptables -w -t nat -A POSTROUTING -o ${privateIf('nat-a')} -j MASQUERADE`,
      );
      await routeNodesVia(lab.ctx.address('nat-a', 'private'));
      await lab.expectFail(
        'reach-through-nat-a',
        /with their private source .*The source NAT rule .* matches \S+, the private interface/,
      );
    }, 120_000);

    it('replies not let back through FORWARD', async () => {
      await reset();
      await sh(
        'nat-a',
        `iptables -w -A FORWARD -i ${privateIf('nat-a')} -o ${publicIf('nat-a')} -j ACCEPT
         iptables -w -t nat -A POSTROUTING -o ${publicIf('nat-a')} -j MASQUERADE`,
      );
      await routeNodesVia(lab.ctx.address('nat-a', 'private'));
      await lab.expectFail('reach-through-nat-a', /does not forward them back to node-1/);
    }, 120_000);

    it('a NAT that forwards everything lets the internet in', async () => {
      await reset();
      await sh(
        'nat-a',
        `iptables -w -P FORWARD ACCEPT\niptables -w -t nat -A POSTROUTING -o ${publicIf('nat-a')} -j MASQUERADE`,
      );
      await routeNodesVia(lab.ctx.address('nat-a', 'private'));
      await lab.expectFail(
        'no-inbound-connections',
        /reached node-1 .*NAT-A lets new connections in from its public side/,
      );
    }, 120_000);

    it('no failover mechanism: the nodes stay on NAT-A', async () => {
      await reset();
      await sh(
        'nat-a',
        `${GOOD_FORWARD('nat-a')}\niptables -w -t nat -A POSTROUTING -o ${publicIf('nat-a')} -j MASQUERADE`,
      );
      await routeNodesVia(lab.ctx.address('nat-a', 'private'));
      await lab.expectFail('failover', /still routes through NAT-A .* nothing moved its route to NAT-B/);
      // The check started NAT-A again; its hand-made rules died with the restart.
      await reset();
    }, 180_000);
  });

  it('passes everything with the reference solution, answers included', async () => {
    await reset();
    await lab.solve();
    const download = `curl -sS -o /dev/null http://${lab.ctx.address('internet', 'public')}/download`;
    /** Bytes on nat-a's FORWARD rules (those `awk` selects: every rule by default), as a learner reads them. */
    const forwardBytes = async (rules = 'NR > 2') =>
      Number(
        await sh('nat-a', `iptables -w -L FORWARD -v -x -n | awk '${rules} { s += $2 } END { print s }'`),
      );
    const countDownload = async () => {
      await sh('nat-a', 'iptables -w -Z FORWARD');
      await sh('node-1', download);
      return forwardBytes();
    };
    const counted = await countDownload();
    expect(counted).toBeGreaterThan(64 * 1024 * 1024);
    // One direction only (the rule letting replies back in), or the total rounded to millions: wrong.
    const repliesOnly = await forwardBytes('/ESTABLISHED/');
    expect(repliesOnly).toBeLessThan(counted);
    expect(await lab.answer('bytes-through-nat', String(repliesOnly))).toBe(false);
    expect(await lab.answer('bytes-through-nat', `${Math.round(counted / 1e6)}M`)).toBe(false);
    // Counters never zeroed between two downloads: no single download crossed that many bytes.
    await sh('node-1', download);
    expect(await lab.answer('bytes-through-nat', String(await forwardBytes()))).toBe(false);
    // A later download does not make the first one's count wrong: the answer is compared with the
    // download it counted, whatever TCP retransmitted in the others.
    await countDownload();
    expect(await lab.answer('bytes-through-nat', String(counted))).toBe(true);
    expect(await lab.answer('cost-gcp-cloud-nat', `$${Math.round(gcpCloudNatCost())}`)).toBe(true);
    expect(await lab.answer('cost-gcp-nat-vms', String(gcpNatVmsCost()))).toBe(true);
    expect(await lab.answer('cost-aws-nat-gateway', String(awsNatGatewayCost()))).toBe(true);
    expect(await lab.answer('cost-aws-nat-instances', String(awsNatInstancesCost()))).toBe(true);
    // 100 TiB read for 100 TB is refused.
    expect(await lab.answer('cost-gcp-cloud-nat', String(gcpCloudNatCost() * 1.09))).toBe(false);
    expect(await lab.answer('cost-gcp-cloud-nat', String(gcpCloudNatCost()))).toBe(true);
    await lab.expectPass();
  }, 300_000);

  it('still sends nothing off the lab once solved: only the nodes route onwards, to NAT-A', async () => {
    const routes = await routesOffTheLab(lab.ctx);
    expect(Object.keys(routes).sort()).toEqual(['node-1', 'node-2']);
    expect(routes['node-1']).toContain(`via ${lab.ctx.address('nat-a', 'private')}`);
    for (const nat of ['nat-a', 'nat-b', 'internet']) {
      const lookup = await lab.ctx.exec(nat, ['ip', '-4', 'route', 'get', OFF_LAB_ADDRESS]);
      expect(lookup.exitCode).not.toBe(0);
    }
  }, 60_000);

  it('keeps the second instance apart: still broken there while this one passes', async () => {
    await other.expectFail('reach-through-nat-a', /node-1 has no route/);
    // This instance's downloads are not the other's: there, none has been served yet.
    await expect(other.answer('bytes-through-nat', '67200000')).rejects.toThrow(
      /has not served a complete download through NAT-A yet: fetch it once from node-1/,
    );
    await other.down();
    await other.expectNothingLeft();
    await lab.expectPass('reach-through-nat-a');
  }, 180_000);

  it('leaves nothing behind', async () => {
    await lab.down();
    await lab.expectNothingLeft();
  }, 180_000);
});
