// lcs_test.go tests the longest common subsequence against Redis's
// documented example and against a brute-force length.
package lcs

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestLCS(t *testing.T) {
	tests := []struct {
		a, b    string
		minLen  int64
		seq     string
		matches []Match
	}{
		{"ohmytext", "mynewtext", 0, "mytext", []Match{{4, 7, 5, 8}, {2, 3, 0, 1}}},
		{"ohmytext", "mynewtext", 4, "mytext", []Match{{4, 7, 5, 8}}},
		{"", "abc", 0, "", nil},
		{"abc", "abc", 0, "abc", []Match{{0, 2, 0, 2}}},
		{"abc", "xyz", 0, "", nil},
		{"aXbXc", "abc", 0, "abc", []Match{{4, 4, 2, 2}, {2, 2, 1, 1}, {0, 0, 0, 0}}},
	}
	for _, tt := range tests {
		seq, matches := Compute(tt.a, tt.b, tt.minLen)
		if seq != tt.seq || !reflect.DeepEqual(matches, tt.matches) {
			t.Errorf("Compute(%q, %q, %d) = %q, %v; want %q, %v", tt.a, tt.b, tt.minLen, seq, matches, tt.seq, tt.matches)
		}
		if n := Len(tt.a, tt.b); n != len(tt.seq) {
			t.Errorf("Len(%q, %q) = %d, want %d", tt.a, tt.b, n, len(tt.seq))
		}
	}
}

// bruteLCSLen is the textbook recursion, for short strings.
func bruteLCSLen(a, b string) int {
	switch {
	case a == "" || b == "":
		return 0
	case a[0] == b[0]:
		return 1 + bruteLCSLen(a[1:], b[1:])
	}
	return max(bruteLCSLen(a[1:], b), bruteLCSLen(a, b[1:]))
}

// isSubsequence reports whether sub is a subsequence of s.
func isSubsequence(sub, s string) bool {
	i := 0
	for j := 0; j < len(s) && i < len(sub); j++ {
		if s[j] == sub[i] {
			i++
		}
	}
	return i == len(sub)
}

func TestLCSMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for i := 0; i < 300; i++ {
		a, b := randomBytes(r, r.IntN(9), "ab"), randomBytes(r, r.IntN(9), "abc")
		want := bruteLCSLen(a, b)
		seq, matches := Compute(a, b, 0)
		total := 0
		for _, m := range matches {
			if a[m.AStart:m.AEnd+1] != b[m.BStart:m.BEnd+1] {
				t.Fatalf("Compute(%q, %q): run %+v does not match", a, b, m)
			}
			total += m.Len()
		}
		if len(seq) != want || Len(a, b) != want || Len(b, a) != want || total != want ||
			!isSubsequence(seq, a) || !isSubsequence(seq, b) {
			t.Fatalf("Compute(%q, %q) = %q (runs %v), lcsLen %d; want length %d", a, b, seq, matches, Len(a, b), want)
		}
	}
}

// randomBytes returns n bytes drawn from alphabet.
func randomBytes(r *rand.Rand, n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}
