// bitmap_test.go tests the bit algorithms against their definitions (bit
// by bit) and Redis's documented examples.
package bitmap

import (
	"math/rand/v2"
	"testing"
)

// naiveBitPos finds the first bit equal to bit in [from, to] one bit at
// a time.
func naiveBitPos(s string, bit byte, from, to int64) int64 {
	for i := from; i <= to; i++ {
		if At(s, i) == bit {
			return i
		}
	}
	return -1
}

func TestBitCount(t *testing.T) {
	tests := []struct {
		s          string
		start, end int64
		inBits     bool
		want       int64
	}{
		{"foobar", 0, -1, false, 26},
		{"foobar", 0, 0, false, 4},
		{"foobar", 1, 1, false, 6},
		{"foobar", 5, 30, true, 17},
		{"foobar", -2, -1, true, 1},
		{"foobar", 2, 1, false, 0},
		{"foobar", -100, 100, false, 26},
		{"foobar", 6, 10, false, 0},
		{"", 0, -1, false, 0},
		{"\xff", 1, 6, true, 6},
		{"\xff\xff", 7, 8, true, 2},
		{"\x80\x01", 0, 15, true, 2},
		{"\x80\x01", 1, 14, true, 0},
	}
	for _, tt := range tests {
		if got := CountRange(tt.s, tt.start, tt.end, tt.inBits); got != tt.want {
			t.Errorf("CountRange(%q, %d, %d, %v) = %d, want %d", tt.s, tt.start, tt.end, tt.inBits, got, tt.want)
		}
	}
}

func TestPopcountMatchesBits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for n := 0; n < 70; n++ {
		s := randomBytes(r, n, "")
		var want int64
		for i := int64(0); i < int64(8*n); i++ {
			want += int64(At(s, i))
		}
		if got := Count(s); got != want {
			t.Fatalf("Count(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestBitPos(t *testing.T) {
	tests := []struct {
		s                string
		bit              byte
		start, end       int64
		endGiven, inBits bool
		want             int64
	}{
		{"\xff\xf0\x00", 0, 0, 0, false, false, 12},
		{"\x00\xff\xf0", 1, 0, 0, false, false, 8},
		{"\x00\xff\xf0", 1, 2, 0, false, false, 16},
		{"\x00\xff\xf0", 1, 7, 15, true, true, 8},
		{"\x00\x00\x00", 1, 0, 0, false, false, -1},
		{"\xff\xff", 0, 0, 0, false, false, 16}, // the zero padding
		{"\xff\xff", 0, 0, -1, true, false, -1}, // not with an end
		{"\xff\xff", 0, 5, 0, false, false, -1}, // start past the end
		{"", 0, 0, 0, false, false, -1},
		{"\x0f", 1, 0, 3, true, true, -1},
		{"\x0f", 0, 4, 7, true, true, -1},
		{"\x0f", 1, -5, -1, true, true, 4},
	}
	for _, tt := range tests {
		if got := Pos(tt.s, tt.bit, tt.start, tt.end, tt.endGiven, tt.inBits); got != tt.want {
			t.Errorf("Pos(%q, %d, %d, %d, %v, %v) = %d, want %d", tt.s, tt.bit, tt.start, tt.end, tt.endGiven, tt.inBits, got, tt.want)
		}
	}
}

func TestFirstBitMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for i := 0; i < 3000; i++ {
		s := randomBytes(r, 1+r.IntN(40), "\x00\x00\x00\xff\xff\xff\x01\x80")
		n := int64(8 * len(s))
		from := r.Int64N(n)
		to := from + r.Int64N(n-from)
		bit := byte(r.IntN(2))
		if got, want := firstBit(s, bit, from, to), naiveBitPos(s, bit, from, to); got != want {
			t.Fatalf("firstBit(%q, %d, %d, %d) = %d, want %d", s, bit, from, to, got, want)
		}
	}
}

func TestBitOp(t *testing.T) {
	tests := []struct {
		op   byte
		srcs []string
		want string
	}{
		{And, []string{"\xff\x0f", "\xf0"}, "\xf0\x00"},
		{Or, []string{"\x01", "\x10\x22"}, "\x11\x22"},
		{Xor, []string{"\xff\xff", "\x0f\xf0", "\x01"}, "\xf1\x0f"},
		{Not, []string{"\x00\xf0"}, "\xff\x0f"},
		{And, []string{"", ""}, ""},
		{Or, []string{"\xdd", "N6;\xf1", "\xa5\x91\xdd\x8f", "O"}, "\xff\xb7\xff\xff"}, // bytes that are not UTF-8
	}
	for _, tt := range tests {
		if got := string(Combine(tt.op, tt.srcs)); got != tt.want {
			t.Errorf("Combine(%d, %q) = %q, want %q", tt.op, tt.srcs, got, tt.want)
		}
	}
}

func TestBitfieldGetPut(t *testing.T) {
	b := make([]byte, 3)
	u5 := FieldType{Bits: 5}
	u5.put(b, 7, 23) // Redis's example: 00000001|01110000
	if string(b[:2]) != "\x01\x70" {
		t.Fatalf("put u5 at 7 = %q", b)
	}
	tests := []struct {
		typ  FieldType
		off  uint64
		want int64
	}{
		{u5, 7, 23},
		{FieldType{Signed: true, Bits: 5}, 7, -9},
		{FieldType{Bits: 8}, 0, 1},
		{FieldType{Bits: 8}, 20, 0}, // past the end
		{FieldType{Signed: true, Bits: 1}, 7, -1},
		{FieldType{Signed: true, Bits: 64}, 0, 0x0170000000000000},
	}
	for _, tt := range tests {
		if got := tt.typ.Get(string(b), tt.off); got != tt.want {
			t.Errorf("get %+v at %d = %d, want %d", tt.typ, tt.off, got, tt.want)
		}
	}
}

func TestBitfieldAdd(t *testing.T) {
	i8, u2, i64, u63 := FieldType{Signed: true, Bits: 8}, FieldType{Bits: 2}, FieldType{Signed: true, Bits: 64}, FieldType{Bits: 63}
	tests := []struct {
		typ         FieldType
		value, incr int64
		ow          byte
		want        int64
		over        bool
	}{
		{i8, 127, 1, OverflowWrap, -128, true},
		{i8, 127, 1, OverflowSat, 127, true},
		{i8, -128, -1, OverflowSat, -128, true},
		{i8, 100, -300, OverflowSat, -128, true},
		{i8, 200, 0, OverflowWrap, -56, true}, // SET of an out-of-range value
		{i8, 5, 10, OverflowFail, 15, false},
		{u2, 3, 1, OverflowWrap, 0, true},
		{u2, 3, 1, OverflowSat, 3, true},
		{u2, 1, -5, OverflowSat, 0, true},
		{u2, 1, -5, OverflowWrap, 0, true},
		{u2, -1, 0, OverflowSat, 3, true}, // SET -1: far past the maximum
		{i64, -1 << 63, -1, OverflowWrap, 1<<63 - 1, true},
		{i64, 1<<63 - 1, 1, OverflowSat, 1<<63 - 1, true},
		{i64, -5, 1<<63 - 1, OverflowFail, 1<<63 - 6, false},
		{u63, 1<<63 - 1, 1, OverflowWrap, 0, true},
		{u63, 1<<63 - 1, 1, OverflowSat, 1<<63 - 1, true},
		{u63, 5, -6, OverflowSat, 0, true},
	}
	for _, tt := range tests {
		got, over := tt.typ.add(tt.value, tt.incr, tt.ow)
		if got != tt.want || over != tt.over {
			t.Errorf("%+v: %d + %d (overflow %d) = %d, %v; want %d, %v", tt.typ, tt.value, tt.incr, tt.ow, got, over, tt.want, tt.over)
		}
	}
}

// randomBytes returns n pseudo-random bytes from r, drawn from alphabet
// (any byte when empty).
func randomBytes(r *rand.Rand, n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		if alphabet == "" {
			b[i] = byte(r.IntN(256))
		} else {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
	}
	return string(b)
}
