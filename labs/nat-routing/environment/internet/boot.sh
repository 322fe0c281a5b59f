#!/bin/sh
# PID 1 of the internet host.
set -eu
# No route off the lab (see the hosts' lab-boot).
while ip -4 route show default | grep -q .; do ip -4 route del default || break; done
# Account the bytes of every connection (the service sets nf_conntrack_acct and keeps closed connections
# a day), so a check can tell what each download carried. conntrack only tracks a network namespace that
# has a rule using it: this one matches every web connection and only counts.
iptables -w -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW,ESTABLISHED,RELATED,INVALID
mkdir -p /srv && truncate -s 64M /srv/download.bin
exec nginx -g 'daemon off;'
