// intconv_test.go tests the canonical integer parsing against the cases
// Redis's string2ll accepts and refuses.
package intconv

import "testing"

func TestParseCanonical(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"7", 7, true}, {"-7", -7, true},
		{"9223372036854775807", 1<<63 - 1, true}, {"-9223372036854775808", -1 << 63, true},
		{"9223372036854775808", 0, false}, {"-9223372036854775809", 0, false},
		{"", 0, false}, {"-", 0, false}, {"-0", 0, false}, {"+1", 0, false}, {"01", 0, false},
		{" 1", 0, false}, {"1 ", 0, false}, {"1.5", 0, false}, {"99999999999999999999", 0, false},
	} {
		if got, ok := ParseCanonical(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ParseCanonical(%q) = %d, %v", tt.in, got, ok)
		}
	}
}

func TestParseDigits(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"", 0, true}, {"0", 0, true}, {"007", 7, true}, {"18446744073709551615", 1<<64 - 1, true},
		{"18446744073709551616", 0, false}, {"99999999999999999999", 0, false}, {"-1", 0, false}, {"1a", 0, false},
	} {
		if got, ok := ParseDigits([]byte(tt.in)); got != tt.want || ok != tt.ok {
			t.Errorf("ParseDigits(%q) = %d, %v", tt.in, got, ok)
		}
	}
}
