// Package bench holds the engine's benchmarks. It has no library code; the
// benchmarks live in its _test.go files.
//
// BenchmarkGemm measures every available GEMM kernel of internal/gemm (naive,
// blocked, packed and, on amd64, avx2 with AVX2+FMA and avx512 with
// AVX-512F), plus kernel=auto for
// gemm.Gemm's own dispatch, on square matrices (n = 64 … 1024) and on the
// shapes the deep-learning layers produce. Sub-benchmarks are named
// kernel=<name>/shape=<m>x<k>x<n>, with /tA or /tB when op(A) or op(B) is a
// transposed operand, and report GFLOP/s (2·m·n·k per operation) and
// allocations. The naive kernel is skipped where one operation would take
// more than about two seconds.
//
// BenchmarkGemmCalls times gemm.Gemm on the same shapes one product at a
// time and reports the 10th percentile and the median (p10-µs, med-µs),
// which the slow calls of a busy machine do not move as they move a mean;
// bench/openblas_compare.sh sets them beside OpenBLAS's, timed the same
// way by bench/openblas/gemm.c.
//
// Run them with one and two threads (the packed kernels use
// runtime.GOMAXPROCS(0) goroutines, which -cpu sets):
//
//	go test -run '^$' -bench . -cpu 1,2 ./bench
//	go test -run '^$' -bench 'Gemm/kernel=avx2/shape=256x' -cpu 1,2 ./bench
//
// With -count N -cpu 1,2 we observed the first -cpu 1 result of each
// sub-benchmark being measured at the previous GOMAXPROCS (2) under Go 1.26
// (it shows as a 2× outlier); benchstat's median hides it, or run -cpu 1
// and -cpu 2 as separate commands.
//
// Parallel work must never be slower on two cores than on one, on a quiet
// machine or with the other core busy (see internal/parallel, whose doc
// holds the figures). bench/contention.sh measures both side by side: the
// ch05 training step and its products with -cpu 1 and -cpu 2, quietly and
// with a busy loop pinned to core 1, over several rounds, and prints the
// minimum and the median of each; given test binaries of several versions
// (go test -c -o old.test ./bench), it measures each in every round. On a
// machine with more cores, pin it to two:
//
//	taskset -c 0,1 bench/contention.sh 4
//
// BenchmarkMultiLayerStep, BenchmarkEvaluate and BenchmarkOptimizer time the
// chapter 6 networks' training step, an evaluation over 10000 images and
// every optimizer; their inputs are as sparse as MNIST's (the first layer
// multiplies only nonzeros). bench/ch06_vs_numpy.sh times the chapter 6
// MNIST twins against the book's scripts under NumPy, alternating:
//
//	bench/ch06_vs_numpy.sh /tmp/book 3
//
// bench/parity_vs_numpy.sh runs twins and the book's scripts with one
// seed and compares what they print, with issue 9's tolerances (chapter
// 6's by default, any chNN/script named):
//
//	bench/parity_vs_numpy.sh /tmp/book 1234
//
// BenchmarkPool runs the same training step and reports how the worker pool
// shared it: parallel calls per step, the share of their pieces the
// workers ran, and the pool's pauses per second.
//
// BenchmarkConvNetStep times a training step of the book's SimpleConvNet
// and DeepConvNet (gradient, Adam, loss, as the Trainer runs it) and
// BenchmarkPooling the book's 2×2 pooling forward and backward on
// SimpleConvNet's activations, BenchmarkIm2ColT im2col, col2im and the
// shifted copies of one image in the two networks' geometries,
// BenchmarkConvForwardImage and BenchmarkConvDWImage one image's forward
// product and dW term both ways (im2col's columns written, or read from
// the shifted copies); the GEMM shapes include the convolutions'
// per-image products. bench/numpy/convstep.py times the same
// steps with the book's classes under NumPy, and bench/convstep_vs_numpy.sh
// alternates the two, printing their minima, medians and ratios:
//
//	bench/convstep_vs_numpy.sh /tmp/book 5 deep
//
// bench/openblas_compare.sh
// times BenchmarkGemm's shapes against OpenBLAS's cblas_dgemm
// (bench/openblas/gemm.c, built with the system's C compiler and
// -lopenblas), alternating, on one thread:
//
//	bench/openblas_compare.sh 3
//
// The scripts that run OpenBLAS (through NumPy or not) name the kernels it
// uses and, where OpenBLAS falls back to its generic ones on a CPU it does
// not know, ask for its AVX-512 or AVX2 ones (bench/openblas_core.sh).
//
// To compare two versions, record each with enough repetitions and compare
// them with benchstat:
//
//	go test -run '^$' -bench . -count 10 -cpu 1,2 ./bench > old.txt
//	# change the code
//	go test -run '^$' -bench . -count 10 -cpu 1,2 ./bench > new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest old.txt new.txt
//
// A quick smoke run, as CI does, executes every benchmark once:
//
//	go test -run '^$' -bench . -benchtime=1x ./bench
package bench
