// listpack_test.go tests the listpack both ways (elements of every
// encoding written and read back, EntrySize beside what Add writes,
// damaged listpacks refused) and the ziplist reader on a hand-built
// ziplist and damaged ones.
package listpack

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readAll reads every element of lp, reporting whether it is well formed.
func readAll(lp string) ([]string, bool) {
	var out []string
	ok := Read(lp, func(s string) { out = append(out, s) })
	return out, ok
}

func TestRoundTrip(t *testing.T) {
	elems := []string{"0", "127", "128", "-1", "4095", "-4096", "4096", "32767", "-32768", "32768",
		"8388607", "-8388608", "8388608", "2147483647", "-2147483648", "2147483648",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808",
		"", "a", "01", "+1", "-0", strings.Repeat("x", 63), strings.Repeat("y", 64),
		strings.Repeat("z", 4095), strings.Repeat("w", 4096)}
	var w Writer
	for _, e := range elems {
		before := w.Size()
		w.Add(e)
		added, est := w.Size()-before, EntrySize(e)
		if len(e) <= 20 && est != added || est < added || est > added+5 {
			t.Fatalf("%.10q (%d bytes): EntrySize %d, Add wrote %d", e, len(e), est, added)
		}
	}
	w.AddInt(-5)
	lp := string(w.Done())
	if w.Len() != len(elems)+1 || len(lp) != w.Size() {
		t.Fatalf("Len %d, %d bytes, Size %d", w.Len(), len(lp), w.Size())
	}
	got, ok := readAll(lp)
	if want := append(slices.Clone(elems), "-5"); !ok || !slices.Equal(got, want) {
		t.Fatalf("read back %v (ok %v)", got, ok)
	}
}

func TestReadRefuses(t *testing.T) {
	var w Writer
	w.Add("hello")
	w.Add("7")
	good := string(w.Done())
	if _, ok := readAll(good); !ok {
		t.Fatal("a good listpack refused")
	}
	bad := map[string]string{
		"short":            good[:6],
		"total bytes":      "\x00" + good[1:],
		"no end byte":      good[:len(good)-1] + "\x00",
		"wrong count":      good[:4] + "\x03\x00" + good[6:],
		"wrong backlen":    good[:12] + "\x07" + good[13:],
		"string past end":  good[:6] + "\x8f" + good[7:],
		"unknown encoding": good[:6] + "\xf5" + good[7:],
	}
	for name, lp := range bad {
		if _, ok := readAll(lp); ok {
			t.Errorf("%s: accepted", name)
		}
	}
	unknownCount := good[:4] + "\xff\xff" + good[6:]
	if got, ok := readAll(unknownCount); !ok || len(got) != 2 {
		t.Errorf("count 65535 (unknown): %v, %v", got, ok)
	}
}

// ziplist is a ziplist of "a" and the integer 5 (an immediate), built by
// hand: 16 bytes, the last entry at 13, 2 entries, then each entry's
// previous size, encoding and data, and the end byte.
const ziplist = "\x10\x00\x00\x00" + "\x0d\x00\x00\x00" + "\x02\x00" + "\x00\x01a" + "\x03\xf6" + "\xff"

func TestReadZiplist(t *testing.T) {
	var got []string
	if !ReadZiplist(ziplist, func(s string) { got = append(got, s) }) || !slices.Equal(got, []string{"a", "5"}) {
		t.Fatalf("read %v", got)
	}
	bad := []struct{ name, zl string }{
		{"short", ziplist[:10]},
		{"total bytes", "\x11" + ziplist[1:]},
		{"tail offset", ziplist[:4] + "\x0a" + ziplist[5:]},
		{"count", ziplist[:8] + "\x03" + ziplist[9:]},
		{"previous size", ziplist[:13] + "\x02" + ziplist[14:]},
	}
	for _, tt := range bad {
		if ReadZiplist(tt.zl, func(string) {}) {
			t.Errorf("%s: accepted", tt.name)
		}
	}
	for v := range 13 {
		zl := ziplist[:14] + string([]byte{byte(0xf1 + v)}) + "\xff"
		var one []string
		ReadZiplist(zl, func(s string) { one = append(one, s) })
		if len(one) != 2 || one[1] != strconv.Itoa(v) {
			t.Errorf("immediate %#x: %v", 0xf1+v, one)
		}
	}
}
