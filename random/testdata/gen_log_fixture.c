/*
 * gen_log_fixture.c writes log_glibc.bin: inputs x and the C library's
 * log(x), as little-endian IEEE-754 binary64 pairs (16 bytes per entry, no
 * header), for TestLogGlibcFixture in package random.
 *
 * Regenerate (from the random/ directory) with:
 *
 *	gcc -O2 -ffp-contract=off -o /tmp/gen_log_fixture testdata/gen_log_fixture.c -lm
 *	/tmp/gen_log_fixture > testdata/log_glibc.bin
 *
 * The committed file was made with Debian glibc 2.36 on x86-64 with FMA,
 * where log resolves to glibc's FMA variant (the one NumPy gets on the same
 * machines). The inputs are fixed by the generator below; only the log
 * values depend on the C library.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t state = 0x243f6a8885a308d3u; /* splitmix64 state */

static uint64_t next64(void) {
	uint64_t z = (state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* A 53-bit uniform double in [0, 1), as np.random.rand makes them. */
static double uniform53(void) { return (double)(next64() >> 11) / 9007199254740992.0; }

static double from_bits(uint64_t b) {
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

static void put(double x) {
	double y = log(x);
	double v[2] = {x, y};
	unsigned char out[16];
	for (int k = 0; k < 2; k++) {
		uint64_t b;
		memcpy(&b, &v[k], sizeof b);
		for (int i = 0; i < 8; i++)
			out[8 * k + i] = (unsigned char)(b >> (8 * i));
	}
	fwrite(out, 1, sizeof out, stdout);
}

int main(void) {
	int i;
	/* Uniform doubles in (0, 1) as np.random.rand draws them. */
	for (i = 0; i < 8192;) {
		double x = uniform53();
		if (x != 0) {
			put(x);
			i++;
		}
	}
	/* r2 = x1*x1 + x2*x2 as NumPy's legacy polar Gaussian makes it. */
	for (i = 0; i < 8192;) {
		double x1 = 2.0 * uniform53() - 1.0;
		double x2 = 2.0 * uniform53() - 1.0;
		double r2 = x1 * x1 + x2 * x2;
		if (r2 < 1.0 && r2 != 0.0) {
			put(r2);
			i++;
		}
	}
	/* Random bit patterns in (0, 1): every exponent, subnormals included. */
	for (i = 0; i < 2048;) {
		uint64_t b = next64() % 0x3ff0000000000000u;
		if (b != 0) {
			put(from_bits(b));
			i++;
		}
	}
	/* Near 1: 1 - k*2^-53, 1 + k*2^-52, and uniform in [1 - 2^-4, 1 + 2^-4). */
	for (i = 1; i <= 250; i++) {
		put(1.0 - i * 0x1p-53);
		put(1.0 + i * 0x1p-52);
	}
	for (i = 0; i < 500; i++)
		put(1.0 + (uniform53() - 0.5) * 0x1p-3);
	/* Tiny and subnormal values. */
	for (i = 1; i <= 100; i++)
		put(i * 0x1p-1074);
	for (i = 0; i < 400; i++)
		put(from_bits(1 + next64() % 0x000fffffffffffffu));
	put(DBL_MIN);
	put(nextafter(DBL_MIN, 0));
	put(nextafter(DBL_MIN, 1));
	/* Powers of two, 2^-1074 .. 2^1023. */
	for (i = -1074; i <= 1023; i++)
		put(ldexp(1.0, i));
	/* Values above 1, up to DBL_MAX. */
	for (i = 0; i < 1000; i++)
		put(from_bits(0x3ff0000000000000u + next64() % (0x7ff0000000000000u - 0x3ff0000000000000u)));
	/* Special values. */
	put(1.0);
	put(0.0);
	put(-0.0);
	put(-1.0);
	put(-DBL_MIN);
	put(-INFINITY);
	put(INFINITY);
	put(NAN);
	put(DBL_MAX);
	put(M_E);
	return 0;
}
