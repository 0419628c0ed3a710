//go:build ignore

// gen_kernels writes kern_amd64.s, the AVX2/FMA micro-kernels of the avx2
// kernel and the AVX-512 ones of the avx512 kernel. Run it with go
// generate (see avx2_amd64.go).
//
// Every instruction in the kernels is VEX- or EVEX-encoded (VMOVSD,
// VUCOMISD rather than MOVSD, UCOMISD): mixing legacy-SSE instructions with
// dirty upper YMM halves cost about 100 ns per call on the development
// machine, a third of a kc = 256 micro-kernel call. The AVX-512 kernels
// are the AVX2 ones with ZMM registers: the same instructions, in the same
// order, on vectors of eight values instead of four, so that every element
// of C is rounded exactly as the AVX2 kernels round it.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
)

var out bytes.Buffer

func emit(format string, args ...any) { fmt.Fprintf(&out, "\t"+format+"\n", args...) }
func label(l string)                  { fmt.Fprintf(&out, "%s:\n", l) }

// cRows are the addresses of the six rows of the C tile: DX = row 0,
// R9 = row 3, R8 = ldc in bytes.
var cRows = []string{"(DX)", "(DX)(R8*1)", "(DX)(R8*2)", "(R9)", "(R9)(R8*1)", "(R9)(R8*2)"}

// isa is a vector register file: Y (AVX2, four doubles) or Z (AVX-512,
// eight doubles).
type isa struct {
	reg   string
	lanes int
}

var (
	ymm = isa{"Y", 4}
	zmm = isa{"Z", 8}
)

func (v isa) r(i int) string { return fmt.Sprintf("%s%d", v.reg, i) }

// bytes is the size of one vector in bytes.
func (v isa) bytes() int { return 8 * v.lanes }

// store emits the epilogue shared by all kernels: acc *= alpha, then
// C = acc when beta == 0 (C not read), C = beta·C + acc (fused) otherwise.
// alphaReg is a free vector register; register 14 and 15 must be free too.
func store(x isa, mr, nv int, alphaArg, betaArg, alphaReg string) {
	storeEnd(x, mr, nv, alphaArg, betaArg, alphaReg, func() {
		emit("VZEROUPPER")
		emit("RET")
	})
}

// storeEnd is store with end emitted where the tile is stored (twice:
// after the beta = 0 stores and after the others) instead of a return.
func storeEnd(x isa, mr, nv int, alphaArg, betaArg, alphaReg string, end func()) {
	nacc := mr * nv
	label("store")
	// alpha = 1 (every layer's product) skips the multiplications, which
	// change nothing then: x·1 is x for every x.
	emit("MOVQ %s, SI", alphaArg)
	emit("MOVQ $0x3ff0000000000000, DI")
	emit("CMPQ SI, DI")
	emit("JEQ alpha1")
	emit("VBROADCASTSD %s, %s", alphaArg, alphaReg)
	for i := 0; i < nacc; i++ {
		emit("VMULPD %s, %s, %s", alphaReg, x.r(i), x.r(i))
	}
	label("alpha1")
	emit("VMOVSD %s, X15", betaArg)
	emit("VXORPD X14, X14, X14")
	emit("VUCOMISD X14, X15")
	emit("JNE betanz")
	emit("JPS betanz // beta is NaN")
	for i := 0; i < mr; i++ {
		for v := 0; v < nv; v++ {
			emit("VMOVUPD %s, %d%s", x.r(i*nv+v), v*x.bytes(), cRows[i])
		}
	}
	end()
	label("betanz")
	emit("VBROADCASTSD X15, %s", x.r(15))
	for i := 0; i < mr; i++ {
		for v := 0; v < nv; v++ {
			emit("VFMADD231PD %d%s, %s, %s", v*x.bytes(), cRows[i], x.r(15), x.r(i*nv+v))
			emit("VMOVUPD %s, %d%s", x.r(i*nv+v), v*x.bytes(), cRows[i])
		}
	}
	end()
}

// cSetup loads C's address and ldc, computes row 3, prefetches the tile
// and clears the accumulators.
func cSetup(x isa, mr, nacc int, cArg, ldcArg string) {
	emit("MOVQ %s, DX", cArg)
	emit("MOVQ %s, R8", ldcArg)
	emit("SHLQ $3, R8")
	emit("LEAQ (DX)(R8*2), R9")
	emit("ADDQ R8, R9 // R9 = C row 3")
	for i := 0; i < mr; i++ {
		emit("PREFETCHT0 %s", cRows[i])
	}
	for i := 0; i < nacc; i++ {
		emit("VXORPD %s, %s, %s", x.r(i), x.r(i), x.r(i))
	}
}

// loop emits the k loop, unrolled, with a one-step tail loop.
func loop(unroll int, step func(u int), advance func(steps int)) {
	emit("CMPQ CX, $%d", unroll)
	emit("JLT tail")
	label("loop")
	for u := 0; u < unroll; u++ {
		step(u)
	}
	advance(unroll)
	emit("SUBQ $%d, CX", unroll)
	emit("CMPQ CX, $%d", unroll)
	emit("JGE loop")
	label("tail")
	emit("TESTQ CX, CX")
	emit("JEQ store")
	label("tailloop")
	step(0)
	advance(1)
	emit("DECQ CX")
	emit("JNZ tailloop")
}

// packed emits a kernel on packed micro-panels: mr rows, nv vectors per
// row. AX = A micro-panel (mr values per step), BX = B micro-panel
// (lanes·nv values per step).
func packed(x isa, name string, mr, nv, unroll int) {
	nr, nacc := x.lanes*nv, mr*nv
	fmt.Fprintf(&out, "// func %s(kc int, a, b, c *float64, ldc int, alpha, beta float64)\n", name)
	fmt.Fprintf(&out, "TEXT ·%s(SB), NOSPLIT, $0-56\n", name)
	emit("MOVQ kc+0(FP), CX")
	emit("MOVQ a+8(FP), AX")
	emit("MOVQ b+16(FP), BX")
	cSetup(x, mr, nacc, "c+24(FP)", "ldc+32(FP)")
	var aRegs []int
	for r := nacc + nv; r < 16; r++ {
		aRegs = append(aRegs, r)
	}
	loop(unroll, func(u int) {
		for v := 0; v < nv; v++ {
			emit("VMOVUPD %d(BX), %s", (u*nr+v*x.lanes)*8, x.r(nacc+v))
		}
		for i := 0; i < mr; i++ {
			ar := aRegs[i%len(aRegs)]
			emit("VBROADCASTSD %d(AX), %s", (u*mr+i)*8, x.r(ar))
			for v := 0; v < nv; v++ {
				emit("VFMADD231PD %s, %s, %s", x.r(nacc+v), x.r(ar), x.r(i*nv+v))
			}
		}
	}, func(steps int) {
		emit("ADDQ $%d, AX", steps*mr*8)
		emit("ADDQ $%d, BX", steps*nr*8)
	})
	store(x, mr, nv, "alpha+40(FP)", "beta+48(FP)", x.r(nacc))
	out.WriteString("\n")
}

// strided emits an mr-row kernel (mr at most 6), nv vectors per row,
// reading op(A) and op(B) in place: A(i, p) at AX + i·rsa + p·csa (R10 =
// row 3, R11 = rsa, R12 = csa, in bytes), B row p at BX + p·rsb (R13 = rsb
// in bytes). The kernels of fewer than 6 rows compute the last rows of a
// product whose row count is not a multiple of 6, each element with the
// operations of the 6-row kernel.
func strided(x isa, name string, mr, nv, unroll int) { stridedKern(x, name, mr, nv, unroll, false) }

// stridedOff emits the row-offset form of a strided kernel: B row p at
// BX + off[p]·8 (R13 = off, a pointer to int offsets counted in values)
// instead of BX + p·rsb, the rest as strided, so the results are the same
// bits as strided's on a B whose rows are those rows:
//
//	func {name}(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)
func stridedOff(x isa, name string, mr, nv, unroll int) { stridedKern(x, name, mr, nv, unroll, true) }

func stridedKern(x isa, name string, mr, nv, unroll int, offs bool) {
	bArg, mode := "rsb int", offNone
	if offs {
		bArg, mode = "off *int", offB
	}
	fmt.Fprintf(&out, "// func %s(kc int, a *float64, rsa, csa int, b *float64, %s, c *float64, ldc int, alpha, beta float64)\n", name, bArg)
	fmt.Fprintf(&out, "TEXT ·%s(SB), NOSPLIT, $0-80\n", name)
	stridedTile(x, mr, nv, unroll, 0, 48, mode)
	store(x, mr, nv, "alpha+64(FP)", "beta+72(FP)", x.r(12))
	out.WriteString("\n")
}

// Row offsets of the strided kernels: none, op(B)'s rows (stridedOff),
// or op(A)'s rows (stridedNOffA).
const (
	offNone = iota
	offB
	offA
)

// stridedTile emits a strided kernel's tile up to its store: kc, a, rsa,
// csa, b and rsb loaded from the frame from offset base on, c and ldc
// from offset cOff on, C prefetched, the sums cleared, and the k loop.
// With offs = offB the frame's rsb is off, a pointer to op(B)'s row
// offsets (row p at b + off[p], R13 = &off[p]); with offA its rsa is
// aoff, op(A)'s row offsets (row i at a + aoff[i], its values contiguous:
// csa is 1 and not read; the mr rows in AX, R10, R11, R12, SI, DI).
func stridedTile(x isa, mr, nv, unroll, base, cOff int, offs int) {
	aRows := []string{"(AX)", "(AX)(R11*1)", "(AX)(R11*2)", "(R10)", "(R10)(R11*1)", "(R10)(R11*2)"}
	aRegs := []string{"AX", "R10", "R11", "R12", "SI", "DI"}
	emit("MOVQ kc+%d(FP), CX", base)
	if offs == offA {
		// The rows' addresses: a + 8·aoff[i].
		emit("MOVQ a+%d(FP), R13", base+8)
		emit("MOVQ aoff+%d(FP), DX", base+16)
		for i := 0; i < mr; i++ {
			emit("MOVQ %d(DX), %s", 8*i, aRegs[i])
			emit("LEAQ (R13)(%s*8), %s", aRegs[i], aRegs[i])
			aRows[i] = "(" + aRegs[i] + ")"
		}
	} else {
		emit("MOVQ a+%d(FP), AX", base+8)
		emit("MOVQ rsa+%d(FP), R11", base+16)
		emit("SHLQ $3, R11")
		emit("MOVQ csa+%d(FP), R12", base+24)
		emit("SHLQ $3, R12")
	}
	emit("MOVQ b+%d(FP), BX", base+32)
	if offs == offB {
		emit("MOVQ off+%d(FP), R13", base+40)
	} else {
		emit("MOVQ rsb+%d(FP), R13", base+40)
		emit("SHLQ $3, R13")
	}
	if offs != offA {
		emit("LEAQ (AX)(R11*2), R10")
		emit("ADDQ R11, R10 // R10 = A row 3")
	}
	cSetup(x, mr, mr*nv, fmt.Sprintf("c+%d(FP)", cOff), fmt.Sprintf("ldc+%d(FP)", cOff+8))
	loop(unroll, func(int) {
		bRow := "(BX)"
		if offs == offB {
			emit("MOVQ (R13), SI")
			bRow = "(BX)(SI*8)"
		}
		for v := 0; v < nv; v++ {
			emit("VMOVUPD %d%s, %s", v*x.bytes(), bRow, x.r(12+v))
		}
		for i := 0; i < mr; i++ {
			ar := 14 + i%2
			emit("VBROADCASTSD %s, %s", aRows[i], x.r(ar))
			for v := 0; v < nv; v++ {
				emit("VFMADD231PD %s, %s, %s", x.r(12+v), x.r(ar), x.r(nv*i+v))
			}
		}
		switch offs {
		case offA:
			for i := 0; i < mr; i++ {
				emit("ADDQ $8, %s", aRegs[i])
			}
		default:
			emit("ADDQ R12, AX")
			emit("ADDQ R12, R10")
		}
		if offs == offB {
			emit("ADDQ $8, R13")
		} else {
			emit("ADDQ R13, BX")
		}
	}, func(int) {})
}

// stridedN emits the ns-panel form of a strided kernel: ns tiles side by
// side along the columns, the tile of panel s reading op(B) from b + s·bs
// and writing C at column s·(lanes·nv); op(A) is the same for all (one
// call per row panel instead of one per tile). Each tile runs the strided
// kernel's instructions, so the results are the same bits.
//
//	func {name}(ns, kc int, a *float64, rsa, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)
//
// ns must be at least 1.
func stridedN(x isa, name string, mr, nv, unroll int) { stridedNKern(x, name, mr, nv, unroll, offNone) }

// stridedNOff is the ns-panel form of stridedOff (B row p of panel s at
// b + s·bs + off[p]):
//
//	func {name}(ns, kc int, a *float64, rsa, csa int, b *float64, off *int, bs int, c *float64, ldc int, alpha, beta float64)
func stridedNOff(x isa, name string, mr, nv, unroll int) { stridedNKern(x, name, mr, nv, unroll, offB) }

// stridedNOffA is the ns-panel form of a strided kernel with op(A)'s rows
// at offsets: row i at a + aoff[i], its values contiguous (csa is 1 and
// not read), op(B) as in stridedN:
//
//	func {name}(ns, kc int, a *float64, aoff *int, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)
func stridedNOffA(x isa, name string, mr, nv, unroll int) {
	stridedNKern(x, name, mr, nv, unroll, offA)
}

func stridedNKern(x isa, name string, mr, nv, unroll int, mode int) {
	aArg, bArg := "rsa, csa int", "rsb, bs int"
	switch mode {
	case offB:
		bArg = "off *int, bs int"
	case offA:
		aArg = "aoff *int, csa int"
	}
	fmt.Fprintf(&out, "// func %s(ns, kc int, a *float64, %s, b *float64, %s, c *float64, ldc int, alpha, beta float64)\n", name, aArg, bArg)
	fmt.Fprintf(&out, "TEXT ·%s(SB), NOSPLIT, $0-96\n", name)
	label("panel")
	stridedTile(x, mr, nv, unroll, 8, 64, mode)
	storeEnd(x, mr, nv, "alpha+80(FP)", "beta+88(FP)", x.r(12), func() { emit("JMP next") })
	label("next")
	emit("MOVQ bs+56(FP), SI")
	emit("SHLQ $3, SI")
	emit("ADDQ SI, b+40(FP)")
	emit("ADDQ $%d, c+64(FP)", nv*x.bytes())
	emit("DECQ ns+0(FP)")
	emit("JNZ panel")
	emit("VZEROUPPER")
	emit("RET")
	out.WriteString("\n")
}

// columnVectors is the number of vectors (of eight rows) of the column
// kernels of nc columns: enough independent sums to hide the latency of
// the multiply-adds, at most 16 accumulators.
func columnVectors(nc int) int { return min(8, 16/nc) }

// column emits kernCol{nc}x{nv}z, the last nc columns (at most 8) of a
// product whose op(A) is transposed, 8·nv rows at a time: op(A)'s rows
// are then contiguous in A (a[p·lda+i]), so a vector holds eight rows of a
// column of C instead of eight columns of a row, and one or a few columns
// cost a multiply-add per eight rows rather than per row. Each element of
// C gets the operations of a lane of kern6x8zs (fused multiply-adds in
// the order of p from zero, one sum per element); the kernel writes the
// sums to out, column j at out[64·j:], and the caller scales them and adds
// them to C as the row kernels' epilogue does.
//
//	func kernCol{nc}x{nv}z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)
//
// a points at op(A)[i0][p0], b at op(B)[p0][j0]; mask says which rows of
// the last vector exist (loads of the others are suppressed).
func column(nc, nv int) {
	name := fmt.Sprintf("kernCol%dx%dz", nc, nv)
	acc := func(v, j int) int { return v*nc + j }
	fmt.Fprintf(&out, "// func %s(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)\n", name)
	fmt.Fprintf(&out, "TEXT ·%s(SB), NOSPLIT, $0-56\n", name)
	emit("MOVQ kc+0(FP), CX")
	emit("MOVQ a+8(FP), AX")
	emit("MOVQ lda+16(FP), R11")
	emit("SHLQ $3, R11")
	emit("MOVQ b+24(FP), BX")
	emit("MOVQ ldb+32(FP), R13")
	emit("SHLQ $3, R13")
	emit("MOVQ mask+40(FP), DX")
	emit("KMOVQ DX, K1")
	emit("MOVQ out+48(FP), DI")
	for v := 0; v < nv; v++ {
		for j := 0; j < nc; j++ {
			emit("VPXORQ Z%d, Z%d, Z%d", acc(v, j), acc(v, j), acc(v, j))
		}
	}
	emit("TESTQ CX, CX")
	emit("JEQ %s_store", name)
	label(name + "_loop")
	for v := 0; v < nv-1; v++ {
		emit("VMOVUPD %d(AX), Z%d", 64*v, 16+v)
	}
	emit("VMOVUPD.Z %d(AX), K1, Z%d", 64*(nv-1), 16+nv-1)
	for j := 0; j < nc; j++ {
		br := 24 + j%2
		emit("VBROADCASTSD %d(BX), Z%d", 8*j, br)
		for v := 0; v < nv; v++ {
			emit("VFMADD231PD Z%d, Z%d, Z%d", 16+v, br, acc(v, j))
		}
	}
	emit("ADDQ R11, AX")
	emit("ADDQ R13, BX")
	emit("DECQ CX")
	emit("JNE %s_loop", name)
	label(name + "_store")
	for j := 0; j < nc; j++ {
		for v := 0; v < nv; v++ {
			emit("VMOVUPD Z%d, %d(DI)", acc(v, j), 512*j+64*v)
		}
	}
	emit("VZEROUPPER")
	emit("RET")
	out.WriteString("\n")
}

func main() {
	out.WriteString("// Code generated by gen_kernels.go; DO NOT EDIT.\n\n//go:build !purego\n\n#include \"textflag.h\"\n\n")
	packed(ymm, "kern6x8", 6, 2, 4)
	packed(ymm, "kern4x12", 4, 3, 4)
	strided(ymm, "kern6x8s", 6, 2, 4)
	strided(ymm, "kern6x4s", 6, 1, 4)
	packed(zmm, "kern6x16z", 6, 2, 4)
	strided(zmm, "kern6x16zs", 6, 2, 4)
	strided(zmm, "kern6x8zs", 6, 1, 4)
	stridedN(ymm, "kern6x8sn", 6, 2, 4)
	stridedN(zmm, "kern6x16zsn", 6, 2, 4)
	for mr := 1; mr < 6; mr++ {
		strided(ymm, fmt.Sprintf("kern%dx8s", mr), mr, 2, 4)
		strided(ymm, fmt.Sprintf("kern%dx4s", mr), mr, 1, 4)
		strided(zmm, fmt.Sprintf("kern%dx16zs", mr), mr, 2, 4)
		strided(zmm, fmt.Sprintf("kern%dx8zs", mr), mr, 1, 4)
	}
	// The row-offset forms of the unpacked path's in-place kernels
	// (sup_amd64.go's offsets): a convolution's columns read from shifted
	// copies of its image instead of im2col's.
	stridedNOff(ymm, "kern6x8sno", 6, 2, 4)
	stridedNOff(zmm, "kern6x16zsno", 6, 2, 4)
	stridedNOffA(ymm, "kern6x8sna", 6, 2, 4)
	stridedNOffA(zmm, "kern6x16zsna", 6, 2, 4)
	for mr := 1; mr < 6; mr++ {
		stridedOff(ymm, fmt.Sprintf("kern%dx8so", mr), mr, 2, 4)
		stridedOff(zmm, fmt.Sprintf("kern%dx16zso", mr), mr, 2, 4)
	}
	for nc := 1; nc <= 8; nc++ {
		for nv := 1; nv <= columnVectors(nc); nv++ {
			column(nc, nv)
		}
	}
	src := append(bytes.TrimRight(out.Bytes(), "\n"), '\n')
	if err := os.WriteFile("kern_amd64.s", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
