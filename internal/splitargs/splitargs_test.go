// splitargs_test.go tests Split on the cases Redis's sdssplitargs
// documents: spaces, both quotes, escapes, and unbalanced quotes.
package splitargs

import (
	"slices"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want []string
		ok   bool
	}{
		{"", nil, true},
		{"  \t ", nil, true},
		{"set a b", []string{"set", "a", "b"}, true},
		{"  set\ta\r\n", []string{"set", "a"}, true},
		{`set "a b" c`, []string{"set", "a b", "c"}, true},
		{`"\x41\x4a\x4G" "\n\r\t\b\a\q\""`, []string{"AJx4G", "\n\r\t\b\aq\""}, true},
		{`'it\'s' 'a\nb'`, []string{"it's", `a\nb`}, true},
		{`"" ''`, []string{"", ""}, true},
		{`ab"cd"`, []string{"abcd"}, true},
		{`"abc`, nil, false},
		{`'abc`, nil, false},
		{`"abc"d`, nil, false},
		{`'abc'd`, nil, false},
		{`"abc\`, nil, false},
	}
	for _, tt := range tests {
		got, ok := Split(nil, []byte(tt.line))
		var words []string
		for _, w := range got {
			if w == nil {
				t.Errorf("%q: a nil word", tt.line)
			}
			words = append(words, string(w))
		}
		if ok != tt.ok || !slices.Equal(words, tt.want) {
			t.Errorf("Split(%q) = %q, %v; want %q, %v", tt.line, words, ok, tt.want, tt.ok)
		}
	}
}
