// rdb_blobs.go reads the LZF-compressed strings a RESTORE payload may
// hold (its other blobs are read by internal/intset and
// internal/listpack), checking every reference against the bytes it was
// given and allocating no more than the result it returns.
package main

// lzfDecompress expands LZF data (liblzf's format) into exactly n bytes.
func lzfDecompress(in []byte, n int) ([]byte, bool) {
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
