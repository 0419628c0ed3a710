# openblas_core.sh is sourced by the scripts that time NumPy or OpenBLAS.
# It sets OPENBLAS_ENV, the `env` arguments their OpenBLAS runs take, and
# prints the kernels OpenBLAS uses, so that a comparison is against the
# best kernels it has for this CPU.
#
# OPENBLAS_CORETYPE, when set, is kept, and the kernels OpenBLAS would
# pick by itself are named beside it (some VMs export
# OPENBLAS_CORETYPE=Haswell, AVX2 kernels on a CPU with AVX-512, which
# flatters the comparison). Otherwise OpenBLAS picks its
# kernels from the CPU's model, and OpenBLAS 0.3.21 (Debian 12) does not
# know every CPU: on an Intel Xeon of model 207 (Emerald Rapids) it falls
# back to its generic Prescott kernels, three to four times slower than
# its AVX-512 ones (a 128×784·784×100 product in NumPy: 800-920 µs against
# 245). When it falls back so on a CPU with AVX-512 (or AVX2), the scripts
# ask for the Cooperlake (or Haswell) kernels instead, the ones it picks
# by itself on an AMD EPYC with AVX-512.
#
# Usage: . bench/openblas_core.sh; openblas_core PROBE_COMMAND...
# where PROBE_COMMAND loads OpenBLAS (python3 -c 'import numpy', or a
# program linked with it).
openblas_core() {
	OPENBLAS_ENV="-u OPENBLAS_L2_SIZE"
	core=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_VERBOSE=2 "$@" 2>&1 | sed -n 's/^Core: //p' | head -1)
	if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
		echo "# OpenBLAS kernels: $OPENBLAS_CORETYPE (from OPENBLAS_CORETYPE; by itself OpenBLAS picks ${core:-unknown} here: unset the variable to compare with that)"
		OPENBLAS_ENV="$OPENBLAS_ENV OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
		return
	fi
	want=
	if [ "$core" = Prescott ]; then
		if grep -qw avx512f /proc/cpuinfo; then
			want=Cooperlake
		elif grep -qw avx2 /proc/cpuinfo; then
			want=Haswell
		fi
	fi
	if [ -n "$want" ]; then
		echo "# OpenBLAS kernels: $want (it picks $core on this CPU by itself, its generic kernels)"
		OPENBLAS_ENV="$OPENBLAS_ENV OPENBLAS_CORETYPE=$want"
	else
		echo "# OpenBLAS kernels: ${core:-unknown} (its own choice)"
		OPENBLAS_ENV="$OPENBLAS_ENV -u OPENBLAS_CORETYPE"
	fi
}
