// numbers.go holds package main's names for integers the way Redis reads
// and writes them: the int64 bounds, decimal formatting, and the
// canonical parsing of internal/intconv.
package main

import (
	"strconv"

	"nosql/internal/intconv"
)

const (
	maxInt64 = 1<<63 - 1
	minInt64 = -1 << 63
)

// parseCanonicalInt is intconv.ParseCanonical under the name package
// main's callers use.
func parseCanonicalInt[T string | []byte](s T) (int64, bool) { return intconv.ParseCanonical(s) }

// parseDigits is intconv.ParseDigits under the name package main's
// callers use.
func parseDigits[T string | []byte](s T) (uint64, bool) { return intconv.ParseDigits(s) }

// formatInt returns n in decimal.
func formatInt(n int64) string { return strconv.FormatInt(n, 10) }
