// redis.go reads and writes an intset in Redis's own layout (intset.c, as
// DUMP and RESTORE carry it): the width and the count as 32-bit
// little-endian numbers, then the members.
package intset

import "encoding/binary"

// Redis returns is in Redis's layout.
func (is Set) Redis() string {
	out := binary.LittleEndian.AppendUint32(nil, uint32(is.width()))
	out = binary.LittleEndian.AppendUint32(out, uint32(is.Len()))
	return string(append(out, is[min(len(is), 1):]...))
}

// ReadRedis calls fn with each member of an intset in Redis's layout,
// reporting whether it is well formed: a known width, the size its
// count says, members strictly ascending, at least one.
func ReadRedis(s string, fn func(int64)) bool {
	if len(s) < 8 {
		return false
	}
	w := uint64(binary.LittleEndian.Uint32([]byte(s[:4])))
	n := uint64(binary.LittleEndian.Uint32([]byte(s[4:8])))
	if w != 2 && w != 4 && w != 8 || n == 0 || n*w != uint64(len(s)-8) {
		return false
	}
	prev := int64(0)
	for i := uint64(0); i < n; i++ {
		p := s[8+i*w : 8+(i+1)*w]
		var v int64
		switch w {
		case 2:
			v = int64(int16(binary.LittleEndian.Uint16([]byte(p))))
		case 4:
			v = int64(int32(binary.LittleEndian.Uint32([]byte(p))))
		default:
			v = int64(binary.LittleEndian.Uint64([]byte(p)))
		}
		if i > 0 && v <= prev {
			return false
		}
		prev = v
		fn(v)
	}
	return true
}
