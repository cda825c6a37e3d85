// Package listpack is Redis 7.0's listpack (listpack.c's layout) both
// ways: built for DUMP's compact values, read from RESTORE's payloads
// with every size and back length checked; and the ziplist of RDB
// versions before 10, read only. A listpack is a 6-byte header (its total
// bytes, its element count), entries each made of an encoding, its data
// and its back length, and an end byte 0xFF.
//
// Pure functions: they take no locks, write no log and know nothing of
// the server, its clients or its keyspace. Being a package of its own it
// cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package listpack

import (
	"bytes"
	"encoding/binary"
	"strconv"

	"nosql/internal/intconv"
)

// Writer builds a listpack: a 6-byte header (total bytes, element
// count), the entries, and an end byte. The zero value is an empty
// listpack.
type Writer struct {
	body []byte
	n    int
}

// Size is the listpack's size so far, header and end byte included.
func (w *Writer) Size() int { return 6 + len(w.body) + 1 }

// Add appends an element: an integer in the narrowest integer encoding,
// anything else as a string.
func (w *Writer) Add(s string) {
	w.body = lpAppendEntry(w.body, s)
	w.n++
}

// AddInt appends an integer element.
func (w *Writer) AddInt(v int64) {
	start := len(w.body)
	w.body = lpAppendInt(w.body, v)
	w.body = lpAppendBacklen(w.body, len(w.body)-start)
	w.n++
}

// Len is the number of elements added.
func (w *Writer) Len() int { return w.n }

// Done returns the listpack.
func (w *Writer) Done() []byte {
	out := binary.LittleEndian.AppendUint32(make([]byte, 0, w.Size()), uint32(w.Size()))
	out = binary.LittleEndian.AppendUint16(out, uint16(min(w.n, 65535)))
	return append(append(out, w.body...), 0xFF)
}

// EntrySize is the size of s's listpack entry: exact up to 20 bytes,
// beyond that a bound at most a few bytes over, taking the longest
// string header.
func EntrySize(s string) int {
	var buf [16]byte
	if len(s) <= 20 {
		return len(lpAppendEntry(buf[:0], s))
	}
	n := len(s) + 5
	return n + len(lpAppendBacklen(buf[:0], n))
}

// lpAppendEntry appends s's listpack entry: its encoding, its data and
// its back length.
func lpAppendEntry(dst []byte, s string) []byte {
	start := len(dst)
	if v, ok := intconv.ParseCanonical(s); ok {
		dst = lpAppendInt(dst, v)
	} else {
		switch n := len(s); {
		case n < 64:
			dst = append(dst, 0x80|byte(n))
		case n < 4096:
			dst = append(dst, 0xE0|byte(n>>8), byte(n))
		default:
			dst = binary.LittleEndian.AppendUint32(append(dst, 0xF0), uint32(n))
		}
		dst = append(dst, s...)
	}
	return lpAppendBacklen(dst, len(dst)-start)
}

// lpAppendInt appends v in the narrowest listpack integer encoding.
func lpAppendInt(dst []byte, v int64) []byte {
	switch {
	case v >= 0 && v <= 127:
		return append(dst, byte(v))
	case v >= -4096 && v <= 4095:
		u := uint16(v) & 0x1FFF
		return append(dst, 0xC0|byte(u>>8), byte(u))
	case v == int64(int16(v)):
		return binary.LittleEndian.AppendUint16(append(dst, 0xF1), uint16(v))
	case v >= -1<<23 && v < 1<<23:
		return append(dst, 0xF2, byte(v), byte(v>>8), byte(v>>16))
	case v == int64(int32(v)):
		return binary.LittleEndian.AppendUint32(append(dst, 0xF3), uint32(v))
	}
	return binary.LittleEndian.AppendUint64(append(dst, 0xF4), uint64(v))
}

// lpAppendBacklen appends an entry's back length: l (the size of its
// encoding and data) in 7-bit groups, the first byte the highest and the
// others flagged 128, in the sizes listpack.c picks.
func lpAppendBacklen(dst []byte, l int) []byte {
	n := 5
	switch {
	case l <= 127:
		n = 1
	case l < 16383:
		n = 2
	case l < 2097151:
		n = 3
	case l < 268435455:
		n = 4
	}
	for i := n - 1; i >= 0; i-- {
		b := byte(l>>(7*i)) & 127
		if i != n-1 {
			b |= 128
		}
		dst = append(dst, b)
	}
	return dst
}

// Read calls fn with each element of a listpack (listpack.c's
// layout: total bytes, count, entries each followed by its back length,
// an end byte), integers as their decimal text, and reports whether it is
// well formed: sizes that agree, every back length right, the count
// right unless it is 65535 (unknown).
func Read(lp string, fn func(string)) bool {
	if len(lp) < 7 || uint64(binary.LittleEndian.Uint32([]byte(lp[:4]))) != uint64(len(lp)) || lp[len(lp)-1] != 0xFF {
		return false
	}
	count := int(binary.LittleEndian.Uint16([]byte(lp[4:6])))
	n := 0
	var backlen [8]byte
	for p := 6; p < len(lp)-1; n++ {
		s, size, ok := lpEntry(lp[p : len(lp)-1])
		if !ok {
			return false
		}
		bl := lpAppendBacklen(backlen[:0], size)
		if p+size+len(bl) > len(lp)-1 || !bytes.Equal([]byte(lp[p+size:p+size+len(bl)]), bl) {
			return false
		}
		fn(s)
		p += size + len(bl)
	}
	return count == 65535 || count == n
}

// signedLE decodes b, 1 to 8 bytes, as a little-endian two's complement
// integer (the integer entries of listpacks and ziplists).
func signedLE(b string) int64 {
	var u uint64
	for k := len(b) - 1; k >= 0; k-- {
		u = u<<8 | uint64(b[k])
	}
	shift := 64 - 8*len(b)
	return int64(u<<shift) >> shift
}

// lpEntry decodes the listpack entry at the start of b: its value and the
// size of its encoding and data.
func lpEntry(b string) (string, int, bool) {
	if len(b) == 0 {
		return "", 0, false
	}
	c := b[0]
	var strLen, hdr int
	switch {
	case c&0x80 == 0:
		return strconv.Itoa(int(c)), 1, true
	case c&0xC0 == 0x80:
		strLen, hdr = int(c&0x3F), 1
	case c&0xE0 == 0xC0:
		if len(b) < 2 {
			return "", 0, false
		}
		v := int(c&0x1F)<<8 | int(b[1])
		if v >= 1<<12 {
			v -= 1 << 13
		}
		return strconv.Itoa(v), 2, true
	case c&0xF0 == 0xE0:
		if len(b) < 2 {
			return "", 0, false
		}
		strLen, hdr = int(c&0x0F)<<8|int(b[1]), 2
	case c == 0xF0:
		if len(b) < 5 {
			return "", 0, false
		}
		strLen, hdr = int(binary.LittleEndian.Uint32([]byte(b[1:5]))), 5
	case c >= 0xF1 && c <= 0xF4:
		w := [...]int{2, 3, 4, 8}[c-0xF1]
		if len(b) < 1+w {
			return "", 0, false
		}
		return strconv.FormatInt(signedLE(b[1:1+w]), 10), 1 + w, true
	default:
		return "", 0, false
	}
	if strLen > len(b)-hdr {
		return "", 0, false
	}
	return b[hdr : hdr+strLen], hdr + strLen, true
}
