// gemm.c times OpenBLAS's cblas_dgemm on the shapes of bench's
// BenchmarkGemm, row-major, C = op(A)·op(B) (alpha 1, beta 0), so that
// the Go kernels can be compared with it side by side on one machine.
// bench/openblas_compare.sh builds and runs it; by hand:
//
//	cc -O2 -o gemm bench/openblas/gemm.c -lopenblas
//	./gemm 1    # one thread; ./gemm 2 for two
//	./gemm -core  # only the name of the kernels OpenBLAS picked
//
// For each shape it prints the median and the best of 7 rounds of at least
// 100 ms each, in µs per product and GFLOP/s (2·m·n·k per product), then
// the 10th percentile and the median of single products timed one by one
// (as BenchmarkGemmCalls times Go's: about 300 ms of them, 11 to 5001),
// which a busy machine's slow calls do not move.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
void cblas_dgemm(int order, int ta, int tb, int m, int n, int k, double alpha,
                 const double *a, int lda, const double *b, int ldb,
                 double beta, double *c, int ldc);
void openblas_set_num_threads(int n);
char *openblas_get_corename(void);

struct shape {
	int m, k, n, ta, tb;
};

// The shapes of bench/gemm_test.go's gemmShapes, in its order.
static const struct shape shapes[] = {
	{64, 64, 64, 0, 0},      {128, 128, 128, 0, 0}, {256, 256, 256, 0, 0},
	{512, 512, 512, 0, 0},   {1024, 1024, 1024, 0, 0},
	{100, 784, 50, 0, 0},    {100, 50, 10, 0, 0},   {1000, 784, 50, 0, 0},
	{784, 100, 50, 1, 0},    {100, 50, 784, 0, 1},  {100, 100, 100, 0, 1},
	{200, 100, 100, 0, 0},
	{57600, 25, 30, 0, 0},   {25, 57600, 30, 1, 0}, {30, 25, 576, 0, 0},
	{30, 576, 25, 0, 1},     {16, 144, 784, 0, 0},  {144, 16, 784, 1, 0},
	{100, 4320, 100, 0, 0},  {4320, 100, 100, 1, 0}, {100, 100, 4320, 0, 1},
	{16, 784, 9, 0, 1},      {16, 784, 144, 0, 1},  {32, 196, 144, 0, 1},
	{144, 32, 196, 1, 0},    {32, 196, 288, 0, 1},  {288, 32, 196, 1, 0},
	{64, 49, 288, 0, 1},     {288, 64, 49, 1, 0},   {64, 49, 576, 0, 1},
	{576, 64, 49, 1, 0},     {1024, 100, 50, 1, 0}, {100, 50, 1024, 0, 1},
};

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv) {
	if (argc > 1 && strcmp(argv[1], "-core") == 0) {
		printf("Core: %s\n", openblas_get_corename());
		return 0;
	}
	int threads = argc > 1 ? atoi(argv[1]) : 1;
	if (threads < 1) {
		fprintf(stderr, "usage: gemm [threads]\n");
		return 2;
	}
	openblas_set_num_threads(threads);
	printf("# OpenBLAS %s, %d thread(s)\n", openblas_get_corename(), threads);
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		const struct shape *sh = &shapes[s];
		int m = sh->m, n = sh->n, k = sh->k;
		// op(A) is m×k: A is stored k×m when transposed; op(B) is k×n.
		int lda = sh->ta ? m : k, ldb = sh->tb ? k : n;
		double *a = malloc(sizeof(double) * m * k);
		double *b = malloc(sizeof(double) * k * n);
		double *c = malloc(sizeof(double) * m * n);
		if (!a || !b || !c) {
			fprintf(stderr, "out of memory\n");
			return 1;
		}
		srand(1);
		for (long i = 0; i < (long)m * k; i++) a[i] = rand() / (double)RAND_MAX - 0.5;
		for (long i = 0; i < (long)k * n; i++) b[i] = rand() / (double)RAND_MAX - 0.5;
		memset(c, 0, sizeof(double) * m * n);
		int ta = sh->ta ? Trans : NoTrans, tb = sh->tb ? Trans : NoTrans;
		// Calibrate: products per round of at least 100 ms.
		long reps = 1;
		for (;;) {
			double t0 = now();
			for (long r = 0; r < reps; r++)
				cblas_dgemm(RowMajor, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, n);
			if (now() - t0 >= 0.1) break;
			reps *= 2;
		}
		double us[7];
		for (int round = 0; round < 7; round++) {
			double t0 = now();
			for (long r = 0; r < reps; r++)
				cblas_dgemm(RowMajor, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, n);
			us[round] = (now() - t0) / reps * 1e6;
		}
		qsort(us, 7, sizeof us[0], cmp);
		long calls = (long)(0.3e6 / us[3]);
		calls = calls < 11 ? 11 : calls > 5001 ? 5001 : calls;
		double *one = malloc(sizeof(double) * calls);
		if (!one) {
			fprintf(stderr, "out of memory\n");
			return 1;
		}
		for (long r = 0; r < calls; r++) {
			double t0 = now();
			cblas_dgemm(RowMajor, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, n);
			one[r] = (now() - t0) * 1e6;
		}
		qsort(one, calls, sizeof one[0], cmp);
		double flop = 2.0 * m * n * k;
		printf("shape=%dx%dx%d%s%s\tmedian %.1f µs %.2f GFLOP/s\tbest %.1f µs %.2f GFLOP/s\tcalls p10 %.2f µs median %.2f µs\n", m, k, n,
		       sh->ta ? "/tA" : "", sh->tb ? "/tB" : "", us[3], flop / us[3] / 1e3, us[0], flop / us[0] / 1e3,
		       one[calls / 10], one[calls / 2]);
		free(one);
		free(a);
		free(b);
		free(c);
	}
	return 0;
}
