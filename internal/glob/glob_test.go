// glob_test.go checks Match against Redis's stringmatchlen behaviour.
package glob

import (
	"strings"
	"testing"
	"time"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, str string
		want         bool
	}{
		{"", "", true},
		{"", "a", false},
		{"a", "", false},
		{"*", "", false}, // KEYS and SCAN special-case "*" before matching
		{"*", "abc", true},
		{"**", "abc", true},
		{"**", "", false},
		{"abc", "abc", true},
		{"abc", "abd", false},
		{"abc", "abcd", false},
		{"a*", "a", true},
		{"a*", "abc", true},
		{"a**", "a", true},
		{"*c", "abc", true},
		{"*c", "abd", false},
		{"a*c", "ac", true},
		{"a*c", "abbbc", true},
		{"a*c", "abcd", false},
		{"a*b*c", "aXbXc", true},
		{"a*b*c", "acb", false},
		{"*b*", "abc", true},
		{"?", "a", true},
		{"?", "", false},
		{"?", "ab", false},
		{"a?c", "abc", true},
		{"??", "a", false},
		{"a?*", "a", false},
		{"[abc]", "b", true},
		{"[abc]", "d", false},
		{"[a-c]", "b", true},
		{"[a-c]", "d", false},
		{"[c-a]", "b", true}, // reversed ranges swap
		{"[^a]", "b", true},
		{"[^a]", "a", false},
		{"[^a-c]", "b", false},
		{"[^a-c]", "z", true},
		{"[a-]", "-", false}, // "a-]" is the range ']'..'a', unterminated
		{"[a-]", "]", true},
		{"[a-]", "b", false},
		{"[a-]]", "]", true},
		{"[-a]", "-", true},
		{"[]]", "]", false}, // "[]" is an empty class, then a literal ']'
		{"[]]", "", false},
		{"[]a", "a", false},
		{"[\\]]", "]", true},
		{"[\\-]", "-", true},
		{"[\\", "\\", true}, // unterminated class: its bytes still count
		{"[ab", "a", true},
		{"[ab", "c", false},
		{"[a", "a", true},
		{"[", "[", false},
		{"[^", "a", true},
		{"[a-", "a", true},
		{"\\*", "*", true},
		{"\\*", "a", false},
		{"\\?", "?", true},
		{"\\a", "a", true},
		{"\\", "\\", true}, // a trailing backslash is literal
		{"\\\\", "\\", true},
		{"a\\", "a\\", true},
		{"[\x01-\xff]", "\x80", false}, // bytes compare as signed char
		{"[\x01-\xff]", "a", false},
		{"[a-\xff]", "\xe9", false}, // the range is -1..97
		{"[a-\xff]", "\x00", true},
		{"[a-\xff]", "b", false},
		{"[\x80-\xff]", "\xe9", true},
		{"a\x00b", "a\x00b", true},
		{"a?b", "a\x00b", true},
		{"*a", "ba", true},
		{"a*", "ba", false},
		{"a*a", "aa", true},
		{strings.Repeat("*a", 1000) + "*", strings.Repeat("a", 1005), true},
		{strings.Repeat("*a", 1001) + "*", strings.Repeat("a", 1005), false}, // nesting limit
		{strings.Repeat("a*", 1001), strings.Repeat("a", 1005), true},
		{strings.Repeat("*a", 1002), strings.Repeat("a", 1005), false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.str); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", clipTest(tt.pattern), clipTest(tt.str), got, tt.want)
		}
	}
}

func clipTest(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// TestGlobAdversarial checks that patterns which make naive backtracking
// take exponential time finish quickly.
func TestGlobAdversarial(t *testing.T) {
	tests := []struct{ pattern, str string }{
		{strings.Repeat("a*", 40) + "b", strings.Repeat("a", 5000)},
		{strings.Repeat("*a", 40) + "b", strings.Repeat("a", 5000)},
		{strings.Repeat("*?", 40) + "b", strings.Repeat("a", 5000)},
	}
	for _, tt := range tests {
		start := time.Now()
		if Match(tt.pattern, tt.str) {
			t.Errorf("Match(%q...) matched", clipTest(tt.pattern))
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Match(%q...) took %v", clipTest(tt.pattern), d)
		}
	}
}
