// Package lcs is the longest common subsequence of two strings, computed as
// Redis's LCS command computes it (the dynamic-programming table of
// prefix lengths, walked back from the end), so that the subsequence and
// the matched ranges are the ones Redis reports. Pure functions: no
// locking, no logging.
package lcs

// TableBytes is the size of the table LCS builds for strings of
// lengths n and m: (n+1)×(m+1) 32-bit lengths, as Redis sizes it.
func TableBytes(n, m int) uint64 { return uint64(n+1) * uint64(m+1) * 4 }

// Len returns the length of the longest common subsequence of a and b,
// keeping two rows of the table (memory in proportion to the shorter).
func Len(a, b string) int {
	if len(b) > len(a) {
		a, b = b, a
	}
	prev, cur := make([]uint32, len(b)+1), make([]uint32, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] > cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}

// Match is one run of the subsequence: a[AStart..AEnd] equals
// b[BStart..BEnd] (inclusive).
type Match struct {
	AStart, AEnd, BStart, BEnd int
}

// Len returns the run's length.
func (m Match) Len() int { return m.AEnd - m.AStart + 1 }

// Compute returns the longest common subsequence of a and b and its runs,
// last run first, leaving out runs shorter than minLen. The table takes
// TableBytes(len(a), len(b)) bytes; the caller bounds it.
func Compute(a, b string, minLen int64) (string, []Match) {
	w := len(b) + 1
	t := make([]uint32, (len(a)+1)*w)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				t[i*w+j] = t[(i-1)*w+j-1] + 1
			case t[(i-1)*w+j] > t[i*w+j-1]:
				t[i*w+j] = t[(i-1)*w+j]
			default:
				t[i*w+j] = t[i*w+j-1]
			}
		}
	}
	n := int(t[len(a)*w+len(b)])
	seq := make([]byte, n)
	var matches []Match
	var run Match
	inRun := false
	emit := func() {
		if int64(run.Len()) >= minLen {
			matches = append(matches, run)
		}
		inRun = false
	}
	for i, j := len(a), len(b); i > 0 && j > 0; {
		if a[i-1] != b[j-1] {
			// Step towards the longer prefix subsequence (b's way on a
			// tie, as Redis does); a run in progress ends here.
			if t[(i-1)*w+j] > t[i*w+j-1] {
				i--
			} else {
				j--
			}
			if inRun {
				emit()
			}
			continue
		}
		n--
		seq[n] = a[i-1]
		i, j = i-1, j-1
		if inRun {
			run.AStart, run.BStart = i, j // the run extends backwards
		} else {
			run, inRun = Match{AStart: i, AEnd: i, BStart: j, BEnd: j}, true
		}
		if i == 0 || j == 0 {
			emit()
		}
	}
	return string(seq), matches
}
