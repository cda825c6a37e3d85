// scoretext_test.go tests how scores are read and written: strtod's
// grammar and Redis's checks on it, range bounds, lexicographic bounds,
// "%.17g", the log's shortest form, and Python's float repr (checked
// against python3 itself when it is installed).
package scoretext

import (
	"math"
	"math/rand/v2"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func TestParseScore(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1", 1, true}, {"-1.5", -1.5, true}, {"+.5", 0.5, true}, {"5.", 5, true}, {"1e3", 1000, true}, {"1E+3", 1000, true},
		{"inf", math.Inf(1), true}, {"-Infinity", math.Inf(-1), true}, {"+INF", math.Inf(1), true}, {"0x10", 16, true},
		{"0x1p-2", 0.25, true}, {"0X.8", 0.5, true}, {"-0", math.Copysign(0, -1), true}, {"1e-310", 1e-310, true},
		{"", 0, false}, {" 1", 0, false}, {"1 ", 0, false}, {"nan", 0, false}, {"-nan(0x7)", 0, false}, {"1e400", 0, false},
		{"1e-400", 0, false}, {"0x1p-5000", 0, false}, {"1e", 0, false}, {"0x", 0, false}, {".", 0, false}, {"infinit", 0, false},
		{"1\x00", 0, false}, {"--1", 0, false}, {"0x1_0", 0, false}, {"1_0", 0, false}, {"0e99999999999999999999", 0, true},
	}
	for _, tc := range cases {
		got, ok := Parse(tc.in)
		if ok != tc.ok || ok && math.Float64bits(got) != math.Float64bits(tc.want) {
			t.Errorf("Parse(%q) = %v %v, want %v %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestSmallWholeScore checks that Parse's path for short whole
// numbers reads what Strtod reads, at its edges and on random numbers.
func TestSmallWholeScore(t *testing.T) {
	ins := []string{"0", "-0", "00", "-00", "007", "-007", "9", "999999999999999", "-999999999999999",
		"123456789012345", "1234567890123456", "9007199254740993", "-", "", "+5", "5-", "1.0", "1e5", "0x5", "-+5"}
	for range 1000 {
		ins = append(ins, strconv.FormatInt(rand.Int64N(1e15)-5e14, 10))
	}
	for _, in := range ins {
		got, ok := smallWhole(in)
		want, n, erange := Strtod(in)
		wantOK := n == len(in) && n > 0 && !erange && strings.Trim(in, "-0123456789") == "" && len(strings.TrimPrefix(in, "-")) <= 15
		if ok != wantOK || ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("smallWhole(%q) = %v %v; Strtod reads %v (%d bytes)", in, got, ok, want, n)
		}
	}
}

func TestParseScoreBound(t *testing.T) {
	cases := []struct {
		in   string
		want Bound
		ok   bool
	}{
		{"1", Bound{1, false}, true}, {"(1", Bound{1, true}, true}, {"", Bound{0, false}, true},
		{"(", Bound{0, true}, true}, {" 2", Bound{2, false}, true}, {"2\x00x", Bound{2, false}, true},
		{"1e400", Bound{math.Inf(1), false}, true}, {"-inf", Bound{math.Inf(-1), false}, true},
		{"((1", Bound{}, false}, {"nan", Bound{}, false}, {"2 ", Bound{}, false}, {"x", Bound{}, false},
	}
	for _, tc := range cases {
		got, ok := ParseBound([]byte(tc.in))
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("ParseBound(%q) = %v %v, want %v %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLexBound(t *testing.T) {
	cases := []struct {
		in              string
		ok              bool
		aboveMin, below []string // members on each side when used as min
	}{
		{"-", true, []string{"", "a"}, nil},
		{"+", true, nil, []string{"", "zz"}},
		{"[b", true, []string{"b", "c"}, []string{"a", ""}},
		{"(b", true, []string{"ba", "c"}, []string{"b", "a"}},
		{"[", true, []string{"", "a"}, nil},
		{"b", false, nil, nil}, {"", false, nil, nil}, {"--", false, nil, nil},
	}
	for _, tc := range cases {
		b, ok := ParseLex([]byte(tc.in))
		if ok != tc.ok {
			t.Errorf("ParseLex(%q) ok %v", tc.in, ok)
			continue
		}
		for _, m := range tc.aboveMin {
			if !b.AboveMin(m) {
				t.Errorf("%q as min: %q should be in range", tc.in, m)
			}
		}
		for _, m := range tc.below {
			if b.AboveMin(m) {
				t.Errorf("%q as min: %q should be out of range", tc.in, m)
			}
		}
	}
}

func TestFormatScores(t *testing.T) {
	cases := []struct {
		f          float64
		reply, log string
		python     string
	}{
		{0.1, "0.10000000000000001", "0.1", "0.1"},
		{3, "3", "3", "3.0"},
		{1e100, "1e+100", "1e+100", "1e+100"},
		{math.Copysign(0, -1), "-0", "-0", "-0.0"},
		{math.Inf(1), "inf", "inf", "1e999"},
		{math.Inf(-1), "-inf", "-inf", "-1e999"},
		{1e16, "10000000000000000", "1e+16", "1e+16"},
		{1234567890123456, "1234567890123456", "1.234567890123456e+15", "1234567890123456.0"},
		{1e-5, "1.0000000000000001e-05", "1e-05", "1e-05"},
		{0.0001, "0.0001", "0.0001", "0.0001"},
		{-2.5, "-2.5", "-2.5", "-2.5"},
		{5e-324, "4.9406564584124654e-324", "5e-324", "5e-324"},
	}
	for _, tc := range cases {
		if got := string(Append17(nil, tc.f)); got != tc.reply {
			t.Errorf("reply of %v: %q, want %q", tc.f, got, tc.reply)
		}
		if got := Format(tc.f); got != tc.log {
			t.Errorf("log of %v: %q, want %q", tc.f, got, tc.log)
		}
		if back, ok := Parse(Format(tc.f)); !ok || math.Float64bits(back) != math.Float64bits(tc.f) {
			t.Errorf("log of %v reads back as %v", tc.f, back)
		}
		if got := string(AppendPy(nil, tc.f)); got != tc.python {
			t.Errorf("Python repr of %v: %q, want %q", tc.f, got, tc.python)
		}
	}
}

// TestFormatScoresLikePython compares AppendPy with Python's repr()
// and Append17 with Python's "%.17g" (C's rules) on random doubles.
func TestFormatScoresLikePython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	var in []string
	var vals []float64
	for i := 0; i < 2000; i++ {
		var f float64
		switch i % 4 {
		case 0:
			f = math.Float64frombits(rng.Uint64())
		case 1:
			f = float64(rng.IntN(1e6)) / float64(int64(1)<<rng.IntN(30))
		case 2:
			f = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(40)-20))
		default:
			f = float64(rng.Int64N(1 << 62))
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		vals = append(vals, f)
		in = append(in, strconv.FormatUint(math.Float64bits(f), 10))
	}
	script := "import struct,sys\nfor l in sys.stdin:\n f=struct.unpack('<d',struct.pack('<Q',int(l)))[0]\n print(repr(f), '%.17g' % f)\n"
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = strings.NewReader(strings.Join(in, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(vals) {
		t.Fatalf("python3 answered %d lines for %d values", len(lines), len(vals))
	}
	for i, l := range lines {
		want := strings.Fields(l)
		if got := string(AppendPy(nil, vals[i])); got != want[0] {
			t.Errorf("repr(%v): %q, python %q", vals[i], got, want[0])
		}
		if got := string(Append17(nil, vals[i])); got != want[1] {
			t.Errorf("%%.17g of %v: %q, python %q", vals[i], got, want[1])
		}
	}
}
