#!/bin/sh
# contention.sh measures the engine's parallel split on two cores, quietly
# and with the second core busy (another process spinning on it), with one
# and with two threads, so that the four figures can be read side by side:
# two threads must never be slower than one, in either condition.
#
# Usage, from the repository root:
#
#	bench/contention.sh [rounds] [bench.test ...]
#
# Without test binaries it builds ./bench. With several (go test -c -o
# old.test ./bench, on another version), it measures each in every round,
# so that versions are compared under the same noise. On a machine with
# more than two cores, pin it to two: taskset -c 0,1 bench/contention.sh.
# The busy process runs on core $BUSY_CORE (default 1) and is killed at the
# end. BENCH overrides the benchmark pattern, BENCHTIME the time per
# benchmark. Each round runs every binary quietly and busy, with -cpu 1 and
# -cpu 2 as separate commands (see doc.go); the summary gives the minimum
# and the median ns/op of each line over the rounds.
set -eu

rounds=${1:-5}
[ $# -gt 0 ] && shift
bench=${BENCH:-'TrainStep/net=ch05|Gemm/kernel=auto/shape=(100x784x50|784x100x50|100x50x784|256x256x256)'}
benchtime=${BENCHTIME:-0.5s}
busy_core=${BUSY_CORE:-1}

tmp=$(mktemp -d)
busy=
cleanup() {
	[ -n "$busy" ] && kill "$busy" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

if [ $# -eq 0 ]; then
	go test -c -o "$tmp/current.test" ./bench
	set -- "$tmp/current.test"
fi

run() { # run LABEL BINARY CPU
	"$2" -test.run '^$' -test.bench "$bench" -test.benchtime "$benchtime" -test.cpu "$3" -test.benchmem |
		awk -v label="$1" '/^Benchmark/ { name = $1; sub(/-[0-9]+$/, "", name); print label, name, $3 }' >>"$tmp/results"
}

for r in $(seq "$rounds"); do
	for bin in "$@"; do
		v=$(basename "$bin" .test)
		for cpu in 1 2; do
			run "$v quiet cpu=$cpu" "$bin" "$cpu"
		done
		taskset -c "$busy_core" sh -c 'while :; do :; done' &
		busy=$!
		for cpu in 1 2; do
			run "$v busy  cpu=$cpu" "$bin" "$cpu"
		done
		kill "$busy"
		busy=
	done
	echo "round $r of $rounds done" >&2
done

echo "# $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'), $rounds rounds; ns/op: min median"
sort -k1,4 -k5n "$tmp/results" | awk '
	{ key = $1 " " $2 " " $3 " " $4; v[key, ++n[key]] = $5; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
	END {
		for (i = 1; i <= k; i++) {
			key = order[i]; c = n[key]
			med = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2
			printf "%-60s %12.0f %12.0f\n", key, v[key, 1], med
		}
	}'
