// ziplist.go reads the ziplist, the listpack's predecessor, which the
// payloads of RDB versions before 10 hold.
package listpack

import (
	"encoding/binary"
	"strconv"
)

// ReadZiplist calls fn with each element of a ziplist (ziplist.c's
// layout: total bytes, the offset of the last entry, the count, entries
// each led by the previous entry's size, an end byte), integers as their
// decimal text, and reports whether it is well formed: sizes, offsets and
// the count (unless 65535, unknown) that agree.
func ReadZiplist(zl string, fn func(string)) bool {
	if len(zl) < 11 || uint64(binary.LittleEndian.Uint32([]byte(zl[:4]))) != uint64(len(zl)) || zl[len(zl)-1] != 0xFF {
		return false
	}
	tail := int(binary.LittleEndian.Uint32([]byte(zl[4:8])))
	count := int(binary.LittleEndian.Uint16([]byte(zl[8:10])))
	p, last, prev, n := 10, 10, 0, 0
	for end := len(zl) - 1; p < end; n++ {
		pl, plSize := int(zl[p]), 1
		switch {
		case zl[p] == 0xFF:
			return false
		case zl[p] == 0xFE:
			if p+5 > end {
				return false
			}
			pl, plSize = int(binary.LittleEndian.Uint32([]byte(zl[p+1:p+5]))), 5
		}
		s, size, ok := zlEntry(zl[p+plSize : end])
		if !ok || pl != prev {
			return false
		}
		fn(s)
		last, prev = p, plSize+size
		p += prev
	}
	return tail == last && (count == 65535 || count == n)
}

// zlEntry decodes the ziplist entry (after its previous-size field) at
// the start of b: its value and the size of its encoding and data.
func zlEntry(b string) (string, int, bool) {
	if len(b) == 0 {
		return "", 0, false
	}
	c := b[0]
	var strLen, hdr int
	switch {
	case c>>6 == 0:
		strLen, hdr = int(c&0x3F), 1
	case c>>6 == 1:
		if len(b) < 2 {
			return "", 0, false
		}
		strLen, hdr = int(c&0x3F)<<8|int(b[1]), 2
	case c>>6 == 2:
		if len(b) < 5 {
			return "", 0, false
		}
		strLen, hdr = int(binary.BigEndian.Uint32([]byte(b[1:5]))), 5
	case c >= 0xF1 && c <= 0xFD:
		return strconv.Itoa(int(c&0x0F) - 1), 1, true
	default:
		w := zlIntWidth(c)
		if w == 0 || len(b) < 1+w {
			return "", 0, false
		}
		return strconv.FormatInt(signedLE(b[1:1+w]), 10), 1 + w, true
	}
	if strLen > len(b)-hdr {
		return "", 0, false
	}
	return b[hdr : hdr+strLen], hdr + strLen, true
}

// zlIntWidth is the bytes of a ziplist integer encoding, 0 for none.
func zlIntWidth(c byte) int {
	switch c {
	case 0xFE:
		return 1
	case 0xC0:
		return 2
	case 0xF0:
		return 3
	case 0xD0:
		return 4
	case 0xE0:
		return 8
	}
	return 0
}
