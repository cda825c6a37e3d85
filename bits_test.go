// bits_test.go tests the parsing of the bit commands' offsets (the bit
// algorithms themselves are tested in internal/bitmap).
package main

import "testing"

func TestParseBitOffset(t *testing.T) {
	const maxBulk = 512 << 20
	tests := []struct {
		arg   string
		width uint
		want  int64
		ok    bool
	}{
		{"0", 0, 0, true},
		{"4294967295", 0, 4294967295, true},
		{"4294967296", 0, 0, false},
		{"-1", 0, 0, false},
		{"#3", 0, 0, false}, // '#' only for BITFIELD
		{"#3", 8, 24, true},
		{"#536870912", 8, 0, false},
		{"#2305843009213693953", 8, 8, true}, // n×8 wraps to 8, as in Redis
		{"#-1", 8, 0, false},
		{"#", 8, 0, false},
		{"01", 0, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseBitOffset([]byte(tt.arg), tt.width, maxBulk)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseBitOffset(%q, %d) = %d, %v; want %d, %v", tt.arg, tt.width, got, ok, tt.want, tt.ok)
		}
	}
}
