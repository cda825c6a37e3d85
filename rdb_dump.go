// rdb_dump.go writes DUMP's payload: a value in Redis 7.0's RDB encoding
// (RDB version 10) followed by the 2-byte little-endian RDB version and
// the CRC64 (Jones polynomial, as Redis's crc64.c) of everything before
// it, so that redis-server 7.0 RESTOREs it. Strings are written whole (an
// integer of up to 32 bits in its integer form, never LZF-compressed);
// compact collections as Redis writes them (a listpack for a small hash
// or sorted set, an intset, a list as quicklist nodes of listpacks of at
// most 8 KiB), large ones in the plain types (RDB_TYPE_HASH, RDB_TYPE_SET,
// RDB_TYPE_ZSET_2 with binary scores), a stream as Redis 7.0's
// RDB_TYPE_STREAM_LISTPACKS_2 (rdb_stream.go).
package main

import (
	"encoding/binary"
	"hash/crc64"
	"math"
	"math/bits"

	"nosql/internal/listpack"
	"nosql/internal/scoretext"
)

// RDB object types and encodings (rdb.h).
const (
	rdbVersion          = 10
	rdbTypeString       = 0
	rdbTypeList         = 1
	rdbTypeSet          = 2
	rdbTypeZset         = 3
	rdbTypeHash         = 4
	rdbTypeZset2        = 5
	rdbTypeListZiplist  = 10
	rdbTypeSetIntset    = 11
	rdbTypeZsetZiplist  = 12
	rdbTypeHashZiplist  = 13
	rdbTypeListQuick    = 14
	rdbTypeHashListpack = 16
	rdbTypeZsetListpack = 17
	rdbTypeListQuick2   = 18

	rdbEncInt8  = 0
	rdbEncInt16 = 1
	rdbEncInt32 = 2
	rdbEncLZF   = 3

	quicklistPlain  = 1 // a node holding one element as it is
	quicklistPacked = 2 // a node holding a listpack

	lpNodeMax = 8192 // list-max-listpack-size -2: a quicklist node's listpack bytes
)

// crcTable is the reflected table of Redis's CRC64 (Jones polynomial);
// read-only once built.
var crcTable = crc64.MakeTable(bits.Reverse64(0xad93d23594c935a9))

// redisCRC64 is Redis's crc64(0, p): no initial or final inversion.
func redisCRC64(p []byte) uint64 { return ^crc64.Update(^uint64(0), crcTable, p) }

// dumpPayload returns v's DUMP payload, or false for a kind RDB version
// 10 cannot hold here.
func dumpPayload(v Value) ([]byte, bool) {
	out, ok := appendRDBValue(nil, v)
	if !ok {
		return nil, false
	}
	out = binary.LittleEndian.AppendUint16(out, rdbVersion)
	return binary.LittleEndian.AppendUint64(out, redisCRC64(out)), true
}

// appendRDBValue appends v's type byte and encoding.
func appendRDBValue(dst []byte, v Value) ([]byte, bool) {
	if v.isString() {
		return rdbAppendString(append(dst, rdbTypeString), v.Str()), true
	}
	switch o := v.obj.(type) {
	case *List:
		return rdbAppendList(append(dst, rdbTypeListQuick2), o), true
	case *Hash:
		return rdbAppendHash(dst, o), true
	case packedIntset:
		return rdbAppendString(append(dst, rdbTypeSetIntset), o.Ints().Redis()), true
	case *hashSet:
		dst = rdbAppendLen(append(dst, rdbTypeSet), uint64(o.Len()))
		for i := range o.Len() {
			dst = rdbAppendString(dst, o.At(i))
		}
		return dst, true
	case *ZSet:
		return rdbAppendZset(dst, o), true
	case *Stream:
		return rdbAppendStream(dst, o), true
	}
	return dst, false
}

// rdbAppendLen appends an RDB length.
func rdbAppendLen(dst []byte, n uint64) []byte {
	switch {
	case n < 1<<6:
		return append(dst, byte(n))
	case n < 1<<14:
		return append(dst, 0x40|byte(n>>8), byte(n))
	case n <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(dst, 0x80), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(dst, 0x81), n)
}

// rdbAppendString appends an RDB string: a canonical integer of up to 11
// characters that fits 32 bits in its integer form, as Redis does, any
// other whole.
func rdbAppendString(dst []byte, s string) []byte {
	if len(s) <= 11 {
		if v, ok := parseCanonicalInt(s); ok {
			switch {
			case v == int64(int8(v)):
				return append(dst, 0xC0|rdbEncInt8, byte(v))
			case v == int64(int16(v)):
				return binary.LittleEndian.AppendUint16(append(dst, 0xC0|rdbEncInt16), uint16(v))
			case v == int64(int32(v)):
				return binary.LittleEndian.AppendUint32(append(dst, 0xC0|rdbEncInt32), uint32(v))
			}
		}
	}
	return append(rdbAppendLen(dst, uint64(len(s))), s...)
}

// rdbAppendList appends a list as quicklist nodes, each a listpack of at
// most lpNodeMax bytes (or one larger element).
func rdbAppendList(dst []byte, l *List) []byte {
	var nodes [][]byte
	var lp listpack.Writer
	for i := range l.Len() {
		e := l.At(i)
		if lp.Len() > 0 && lp.Size()+listpack.EntrySize(e) > lpNodeMax {
			nodes = append(nodes, lp.Done())
			lp = listpack.Writer{}
		}
		lp.Add(e)
	}
	if lp.Len() > 0 {
		nodes = append(nodes, lp.Done())
	}
	dst = rdbAppendLen(dst, uint64(len(nodes)))
	for _, n := range nodes {
		dst = rdbAppendString(append(dst, quicklistPacked), string(n))
	}
	return dst
}

// rdbAppendHash appends a hash: a listpack of its fields and values while
// it is compact, else RDB_TYPE_HASH.
func rdbAppendHash(dst []byte, h *Hash) []byte {
	if h.ht == nil {
		var lp listpack.Writer
		h.Each(func(f, v string) bool { lp.Add(f); lp.Add(v); return true })
		return rdbAppendString(append(dst, rdbTypeHashListpack), string(lp.Done()))
	}
	dst = rdbAppendLen(append(dst, rdbTypeHash), uint64(h.Len()))
	h.Each(func(f, v string) bool {
		dst = rdbAppendString(rdbAppendString(dst, f), v)
		return true
	})
	return dst
}

// rdbAppendZset appends a sorted set: a listpack of members and scores
// while it is compact, else RDB_TYPE_ZSET_2 from the highest score down,
// as Redis writes it.
func rdbAppendZset(dst []byte, z *ZSet) []byte {
	if z.big == nil {
		var lp listpack.Writer
		var buf []byte
		for _, e := range z.list {
			lp.Add(e.Member)
			buf = scoretext.Append17(buf[:0], e.Score)
			lp.Add(string(buf))
		}
		return rdbAppendString(append(dst, rdbTypeZsetListpack), string(lp.Done()))
	}
	dst = rdbAppendLen(append(dst, rdbTypeZset2), uint64(z.Len()))
	z.each(0, z.Len(), true, func(e zentry) bool {
		dst = binary.LittleEndian.AppendUint64(rdbAppendString(dst, e.Member), math.Float64bits(e.Score))
		return true
	})
	return dst
}
