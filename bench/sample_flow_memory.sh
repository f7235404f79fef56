#!/bin/bash
# Every 20 s while a flow process runs: its resident memory, and how far its pool
# workers have read the JSONL it plans (the furthest read position, as a record
# number). For a run of bench/record_scaling.py that has not ended yet:
#
#     bench/sample_flow_memory.sh FLOW_PID SOURCE/records.jsonl RECORDS
set -u
flow=$1
size=$(stat -c %s "$2")
records=$3
while kill -0 "$flow" 2>/dev/null; do
  pos=0
  for worker in $(pgrep -P "$flow"); do
    for fd in /proc/"$worker"/fd/*; do
      case "$(readlink "$fd" 2>/dev/null)" in
        *records.jsonl)
          at=$(awk '/pos/ {print $2}' /proc/"$worker"/fdinfo/"$(basename "$fd")" 2>/dev/null)
          if [ -n "$at" ] && [ "$at" -gt "$pos" ]; then pos=$at; fi ;;
      esac
    done
  done
  echo "$(date +%H:%M:%S) rss_mib=$(( $(ps -o rss= -p "$flow") / 1024 )) read_to_record~$(( pos * records / size ))"
  sleep 20
done
