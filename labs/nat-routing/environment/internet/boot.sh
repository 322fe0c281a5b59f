#!/bin/sh
# PID 1 of the internet host.
set -eu
# No route off the lab (see the hosts' lab-boot).
while ip -4 route show default | grep -q .; do ip -4 route del default || break; done
mkdir -p /srv && truncate -s 64M /srv/download.bin
exec nginx -g 'daemon off;'
