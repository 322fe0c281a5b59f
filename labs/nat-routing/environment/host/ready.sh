#!/bin/sh
# Succeeds once this boot of the container finished lab-boot (a marker left by an earlier boot does not count).
[ "$(cat /run/lab-ready 2>/dev/null)" = "$(cut -d' ' -f22 /proc/1/stat)" ]
