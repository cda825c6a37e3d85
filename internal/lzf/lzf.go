// Package lzf expands LZF-compressed data (liblzf's format, as Redis
// compresses long strings in RDB and DUMP payloads), checking every
// reference against the bytes it was given and allocating no more than
// the result it returns.
//
// Pure functions: they take no locks, write no log and know nothing of
// the server, its clients or its keyspace. Being a package of its own it
// cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package lzf

// MaxRatio bounds how much LZF expands its input: a 3-byte back
// reference yields at most 264 bytes.
const MaxRatio = 88

// Decompress expands LZF data (liblzf's format) into exactly n bytes.
func Decompress(in []byte, n int) ([]byte, bool) {
	out := make([]byte, 0, n)
	for i := 0; i < len(in); {
		ctrl := int(in[i])
		i++
		if ctrl < 32 { // a literal run of ctrl+1 bytes
			ctrl++
			if i+ctrl > len(in) || len(out)+ctrl > n {
				return nil, false
			}
			out = append(out, in[i:i+ctrl]...)
			i += ctrl
			continue
		}
		l := ctrl >> 5 // a back reference
		if l == 7 {
			if i >= len(in) {
				return nil, false
			}
			l += int(in[i])
			i++
		}
		if i >= len(in) {
			return nil, false
		}
		ref := len(out) - (ctrl&0x1f)<<8 - 1 - int(in[i])
		i++
		l += 2
		if ref < 0 || len(out)+l > n {
			return nil, false
		}
		for k := range l {
			out = append(out, out[ref+k])
		}
	}
	return out, len(out) == n
}
