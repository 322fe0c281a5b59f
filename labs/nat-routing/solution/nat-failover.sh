#!/bin/sh
# A node's health check: keep the default route on the primary NAT machine while it answers, and move
# it to the backup while it does not. Usage: nat-failover.sh <primary NAT> <backup NAT>
set -u
primary=$1
backup=$2
current=""
while :; do
  if ping -c 1 -W 1 -q "$primary" > /dev/null 2>&1; then
    want=$primary
  elif ping -c 1 -W 1 -q "$backup" > /dev/null 2>&1; then
    want=$backup
  else
    want=$primary
  fi
  if [ "$want" != "$current" ] || ! ip -4 route show default | grep -q "via $want "; then
    ip route replace default via "$want" && echo "$(date -Is) default route via $want"
    current=$want
  fi
  sleep 0.3
done
