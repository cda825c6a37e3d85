// lzf_test.go tests Decompress on hand-built LZF data (literal runs, short
// and long back references, overlapping copies) and on damaged data.
package lzf

import (
	"strings"
	"testing"
)

func TestDecompress(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
		ok       bool
	}{
		{"literal", "\x02abc", 3, "abc", true},
		{"short reference", "\x02abc\x80\x02", 9, "abcabcabc", true},
		{"long reference", "\x00a\xe0\x0b\x00", 21, strings.Repeat("a", 21), true},
		{"shortest reference", "\x03abcd\x20\x03", 7, "abcdabc", true},
		{"output short of n", "\x02abc", 4, "", false},
		{"empty", "", 0, "", true},
		{"literal past input", "\x05abc", 6, "", false},
		{"literal past n", "\x02abc", 2, "", false},
		{"reference before start", "\x00a\x20\x05", 4, "", false},
		{"reference past n", "\x02abc\x80\x02", 8, "", false},
		{"reference cut short", "\x02abc\x80", 9, "", false},
		{"long reference cut short", "\x00a\xe0", 21, "", false},
	}
	for _, tt := range tests {
		got, ok := Decompress([]byte(tt.in), tt.n)
		if ok != tt.ok || ok && string(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
