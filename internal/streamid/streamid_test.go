// streamid_test.go tests stream IDs: parsing under each spec (the forms
// Redis accepts and refuses, string2ull's looser numbers), range bounds
// with "(", the increments at their edges, order and text form.
package streamid

import (
	"strings"
	"testing"
)

const maxU = 1<<64 - 1

func TestParse(t *testing.T) {
	strict, star := Spec{Strict: true}, Spec{Strict: true, SeqStar: true}
	cases := []struct {
		in       string
		sp       Spec
		want     ID
		seqGiven bool
		ok       bool
	}{
		{"1-2", strict, ID{Ms: 1, Seq: 2}, true, true},
		{"5", Spec{MissingSeq: 7}, ID{Ms: 5, Seq: 7}, true, true},
		{"-", Spec{}, ID{}, true, true},
		{"+", Spec{}, Max(), true, true},
		{"-", strict, ID{}, false, false},
		{"+", strict, ID{}, false, false},
		{"5-*", star, ID{Ms: 5}, false, true},
		{"5-*", strict, ID{}, false, false},
		{"*", star, ID{}, false, false},
		{"18446744073709551615-18446744073709551615", strict, Max(), true, true},
		{"18446744073709551616-0", strict, ID{}, false, false},
		{" 5-+1", strict, ID{Ms: 5, Seq: 1}, true, true}, // what strtoull reads whole
		{"007-1", strict, ID{Ms: 7, Seq: 1}, true, true},
		{"1- 2", strict, ID{Ms: 1, Seq: 2}, true, true},
		{"-1-0", strict, ID{}, false, false},
		{"1-", strict, ID{}, false, false},
		{"1-2-3", strict, ID{}, false, false},
		{"1.5", strict, ID{}, false, false},
		{"", strict, ID{}, false, false},
		{" ", strict, ID{}, false, false},
		{"abc", strict, ID{}, false, false},
		{"1" + strings.Repeat("0", 127), strict, ID{}, false, false}, // past 127 bytes
	}
	for _, tc := range cases {
		got, seqGiven, err := Parse([]byte(tc.in), tc.sp)
		if (err == nil) != tc.ok || tc.ok && (got != tc.want || seqGiven != tc.seqGiven) {
			t.Errorf("Parse(%q, %+v) = %v %v %v, want %v %v ok %v", tc.in, tc.sp, got, seqGiven, err, tc.want, tc.seqGiven, tc.ok)
		}
		if err != nil && err != ErrInvalid {
			t.Errorf("Parse(%q): error %v, want ErrInvalid", tc.in, err)
		}
	}
}

func TestParseStartEnd(t *testing.T) {
	cases := []struct {
		start, end string
		s, e       ID
		err        string
	}{
		{"-", "+", ID{}, Max(), ""},
		{"5", "5", ID{Ms: 5}, ID{Ms: 5, Seq: maxU}, ""},
		{"(5-1", "(6-0", ID{Ms: 5, Seq: 2}, ID{Ms: 5, Seq: maxU}, ""},
		{"(0-0", "(18446744073709551615-18446744073709551615", ID{Seq: 1}, ID{Ms: maxU, Seq: maxU - 1}, ""},
		{"(18446744073709551615-18446744073709551615", "+", ID{}, ID{}, "ERR invalid start ID for the interval"},
		{"-", "(0-0", ID{}, ID{}, "ERR invalid end ID for the interval"},
		{"(-", "+", ID{}, ID{}, ErrInvalid.Error()},
		{"(", "+", ID{}, ID{}, ErrInvalid.Error()},
		{"-", "x", ID{}, ID{}, ErrInvalid.Error()},
	}
	for _, tc := range cases {
		s, e, err := ParseStartEnd([]byte(tc.start), []byte(tc.end))
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("ParseStartEnd(%q, %q): error %v, want %q", tc.start, tc.end, err, tc.err)
		case tc.err == "" && (err != nil || s != tc.s || e != tc.e):
			t.Errorf("ParseStartEnd(%q, %q) = %v %v %v, want %v %v", tc.start, tc.end, s, e, err, tc.s, tc.e)
		}
	}
}

func TestOrderAndSteps(t *testing.T) {
	ids := []ID{{}, {Seq: 1}, {Seq: maxU}, {Ms: 1}, {Ms: 1, Seq: maxU}, {Ms: maxU}, Max()}
	for i, a := range ids {
		for j, b := range ids {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Cmp(b); got != want {
				t.Errorf("%v.Cmp(%v) = %d, want %d", a, b, got, want)
			}
		}
	}
	for _, a := range ids {
		if n, ok := a.Next(); ok != (a != Max()) || ok && (n.Cmp(a) <= 0 || mustPrev(t, n) != a) {
			t.Errorf("%v.Next() = %v %v", a, n, ok)
		}
	}
	if n, _ := Max().Next(); n != (ID{}) {
		t.Errorf("Max().Next() = %v, want 0-0", n)
	}
	if p, ok := (ID{}).Prev(); ok || p != Max() {
		t.Errorf("0-0.Prev() = %v %v, want the greatest and false", p, ok)
	}
	if !(ID{}).IsZero() || (ID{Seq: 1}).IsZero() {
		t.Error("IsZero")
	}
	if got := (ID{Ms: 1700000000000, Seq: 3}).String(); got != "1700000000000-3" {
		t.Errorf("String = %q", got)
	}
	if got := string(Max().AppendTo([]byte("id "))); got != "id 18446744073709551615-18446744073709551615" {
		t.Errorf("AppendTo = %q", got)
	}
}

// mustPrev returns a.Prev(), failing the test when there is none.
func mustPrev(t *testing.T, a ID) ID {
	t.Helper()
	p, ok := a.Prev()
	if !ok {
		t.Fatalf("%v has no ID before it", a)
	}
	return p
}
