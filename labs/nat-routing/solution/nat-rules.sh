#!/bin/sh
# NAT machine configuration, run at every boot from /etc/rc.local (iptables starts empty after a restart).
# Usage: nat-rules.sh <private subnet> <public subnet>
set -eu
private_subnet=$1
public_subnet=$2
# The interfaces are found by their subnets: their names may differ from one boot to the next.
priv=$(ip -4 -o route show "$private_subnet" | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n1)
pub=$(ip -4 -o route show "$public_subnet" | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n1)
[ -n "$priv" ] && [ -n "$pub" ] || { echo "nat-rules: no interface on $private_subnet or $public_subnet" >&2; exit 1; }

# Add a rule only when it is not there yet, so running this twice changes nothing.
rule() { iptables -w -C "$@" 2>/dev/null || iptables -w -A "$@"; }

# Forward what the nodes send to the internet, and only the replies back.
rule FORWARD -i "$priv" -o "$pub" -j ACCEPT
rule FORWARD -i "$pub" -o "$priv" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
# Rewrite the source on the way out of the public interface to this machine's public address.
iptables -w -t nat -C POSTROUTING -o "$pub" -j MASQUERADE 2>/dev/null ||
  iptables -w -t nat -A POSTROUTING -o "$pub" -j MASQUERADE
echo "nat-rules: forwarding $priv -> $pub with MASQUERADE on $pub"
