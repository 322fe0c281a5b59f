#!/bin/sh
# PID 1 of every node and NAT machine: what a VM does at boot, then wait for a stop signal.
set -u

# No route off the lab: Docker gives a container on a non-internal network a default route through
# the host. Delete it before anything else runs, on every (re)start.
while ip -4 route show default | grep -q .; do ip -4 route del default || break; done

if [ "${LAB_ROLE:-}" = nat ]; then
  # The NAT image is hardened like many distributions: nothing is forwarded until a rule allows it.
  iptables -P FORWARD DROP
fi
# Like a VM's startup script: runs at every boot, so configuration written there survives a reboot.
if [ -f /etc/rc.local ]; then
  echo "running /etc/rc.local"
  sh /etc/rc.local || echo "/etc/rc.local failed with exit code $?"
fi

cut -d' ' -f22 /proc/1/stat > /run/lab-ready
echo "ready"
trap 'exit 0' TERM INT
sleep infinity &
wait
