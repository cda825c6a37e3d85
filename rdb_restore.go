// rdb_restore.go reads RESTORE's payload: the footer (RDB version at most
// 10, Redis's CRC64), then one value in any RDB type Redis 7.0 writes
// for strings, lists, sets, hashes and sorted sets (strings whole, as
// 8/16/32-bit integers or LZF-compressed; RDB_TYPE_LIST, QUICKLIST_2 of
// listpack or plain nodes; SET and INTSET; HASH and HASH_LISTPACK; ZSET,
// ZSET_2 and ZSET_LISTPACK), and the ziplist types of versions 6 and
// before (LIST_ZIPLIST, LIST_QUICKLIST, HASH_ZIPLIST, ZSET_ZIPLIST; not
// the zipmaps of Redis 2), and streams of Redis 7.0 and 6
// (rdb_stream_load.go). Every length is checked against the bytes
// left before anything is allocated, so a payload, however wrong, costs
// at most a bounded multiple of its own size; an empty collection, a
// duplicate member or field, a NaN score or a malformed listpack or
// intset is refused, as Redis refuses them ("Bad data format").
package main

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"

	"nosql/internal/intset"
	"nosql/internal/listpack"
	"nosql/internal/lzf"
	"nosql/internal/scoretext"
)

// Errors of a RESTORE payload, in Redis's words.
var (
	errPayloadFooter = errors.New("ERR DUMP payload version or checksum are wrong")
	errPayloadData   = errors.New("ERR Bad data format")
)

// checkPayload verifies a payload's footer and returns the RDB data
// before it.
func checkPayload(p []byte) ([]byte, error) {
	if len(p) < 10 {
		return nil, errPayloadFooter
	}
	footer := p[len(p)-10:]
	if binary.LittleEndian.Uint16(footer) > rdbVersion ||
		binary.LittleEndian.Uint64(footer[2:]) != redisCRC64(p[:len(p)-8]) {
		return nil, errPayloadFooter
	}
	return p[:len(p)-10], nil
}

// rdbReader reads RDB data; the first error sticks (bad), every later read
// returns zero values.
type rdbReader struct {
	b   []byte
	bad bool
}

// fail marks the data bad.
func (r *rdbReader) fail() { r.bad = true }

// take returns the next n bytes.
func (r *rdbReader) take(n uint64) []byte {
	if r.bad || n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

// byte1 returns the next byte.
func (r *rdbReader) byte1() byte {
	if p := r.take(1); p != nil {
		return p[0]
	}
	return 0
}

// length reads an RDB length, or (encoded) a special string encoding.
func (r *rdbReader) length() (n uint64, encoded bool) {
	b := r.byte1()
	switch {
	case b>>6 == 0:
		return uint64(b & 0x3F), false
	case b>>6 == 1:
		return uint64(b&0x3F)<<8 | uint64(r.byte1()), false
	case b>>6 == 3:
		return uint64(b & 0x3F), true
	case b == 0x80:
		if p := r.take(4); p != nil {
			return uint64(binary.BigEndian.Uint32(p)), false
		}
	case b == 0x81:
		if p := r.take(8); p != nil {
			return binary.BigEndian.Uint64(p), false
		}
	default:
		r.fail()
	}
	return 0, false
}

// count reads a collection's length; zero (an empty key) is bad.
func (r *rdbReader) count() uint64 {
	n, enc := r.length()
	if enc || n == 0 {
		r.fail()
	}
	return n
}

// str reads an RDB string.
func (r *rdbReader) str() string {
	n, enc := r.length()
	if !enc {
		return string(r.take(n))
	}
	switch n {
	case rdbEncInt8:
		return strconv.Itoa(int(int8(r.byte1())))
	case rdbEncInt16:
		if p := r.take(2); p != nil {
			return strconv.Itoa(int(int16(binary.LittleEndian.Uint16(p))))
		}
	case rdbEncInt32:
		if p := r.take(4); p != nil {
			return strconv.Itoa(int(int32(binary.LittleEndian.Uint32(p))))
		}
	case rdbEncLZF:
		clen, e1 := r.length()
		ulen, e2 := r.length()
		in := r.take(clen)
		if e1 || e2 || r.bad || ulen > clen*lzf.MaxRatio {
			r.fail()
			return ""
		}
		out, ok := lzf.Decompress(in, int(ulen))
		if !ok {
			r.fail()
		}
		return string(out)
	default:
		r.fail()
	}
	return ""
}

// restoreValue decodes one RDB value (type byte first) into a Value under
// the encoding limits lim.
func restoreValue(data []byte, lim *encodingLimits) (Value, error) {
	r := &rdbReader{b: data}
	v := r.value(r.byte1(), lim)
	if r.bad {
		return Value{}, errPayloadData
	}
	return v, nil
}

// value reads a value of RDB type t.
func (r *rdbReader) value(t byte, lim *encodingLimits) Value {
	var v Value
	switch t {
	case rdbTypeString:
		v = Value{str: r.str()}
	case rdbTypeList:
		v = Value{obj: restoreList(r, func(add func(string)) {
			for n := r.count(); n > 0 && !r.bad; n-- {
				add(r.str())
			}
		})}
	case rdbTypeListZiplist:
		v = Value{obj: restoreList(r, func(add func(string)) {
			if !listpack.ReadZiplist(r.str(), add) {
				r.fail()
			}
		})}
	case rdbTypeListQuick, rdbTypeListQuick2:
		v = Value{obj: restoreList(r, func(add func(string)) { readQuicklist(r, t, add) })}
	case rdbTypeSet, rdbTypeSetIntset:
		v = restoreSet(r, t, lim)
	case rdbTypeHash, rdbTypeHashListpack, rdbTypeHashZiplist:
		v = restoreHash(r, t, lim)
	case rdbTypeZset, rdbTypeZset2, rdbTypeZsetListpack, rdbTypeZsetZiplist:
		v = restoreZset(r, t, lim)
	case rdbTypeStreamListpacks, rdbTypeStreamListpacks2:
		v = restoreStream(r, t)
	default:
		r.fail()
	}
	return v
}

// restoreList builds a list from the elements each calls add with; an
// empty one is bad.
func restoreList(r *rdbReader, each func(add func(string))) *List {
	var elems []string
	each(func(s string) { elems = append(elems, s) })
	if len(elems) == 0 {
		r.fail()
	}
	l := &List{}
	l.Replace(elems)
	return l
}

// readQuicklist reads quicklist nodes: for QUICKLIST_2 a container
// byte, then a plain node's one element or a packed node's listpack; for
// the older QUICKLIST a ziplist. An empty node is bad; an empty listpack
// or ziplist is skipped, as Redis skips it.
func readQuicklist(r *rdbReader, t byte, add func(string)) {
	for n := r.count(); n > 0 && !r.bad; n-- {
		container, enc := uint64(quicklistPacked), false
		if t == rdbTypeListQuick2 {
			container, enc = r.length()
		}
		blob := r.str()
		switch {
		case enc || r.bad || blob == "":
			r.fail()
		case container == quicklistPlain:
			add(blob)
		case container != quicklistPacked:
			r.fail()
		case t == rdbTypeListQuick && !listpack.ReadZiplist(blob, add), t == rdbTypeListQuick2 && !listpack.Read(blob, add):
			r.fail()
		}
	}
}

// readPacked reads the listpack (or, for the ziplist types, the
// ziplist) blob of a hash or sorted set, calling fn with each element.
func readPacked(r *rdbReader, t byte, fn func(string)) bool {
	if t == rdbTypeHashZiplist || t == rdbTypeZsetZiplist {
		return listpack.ReadZiplist(r.str(), fn)
	}
	return listpack.Read(r.str(), fn)
}

// restoreSet reads RDB_TYPE_SET or an intset.
func restoreSet(r *rdbReader, t byte, lim *encodingLimits) Value {
	var members [][]byte
	if t == rdbTypeSet {
		for n := r.count(); n > 0 && !r.bad; n-- {
			members = append(members, []byte(r.str()))
		}
	} else if !intset.ReadRedis(r.str(), func(v int64) { members = append(members, strconv.AppendInt(nil, v, 10)) }) {
		r.fail()
	}
	if r.bad {
		return Value{}
	}
	s, added := setAdd(nil, members, intsetLimit(lim))
	if added != len(members) || added == 0 {
		r.fail() // a member twice
	}
	return Value{obj: s}
}

// restoreHash reads RDB_TYPE_HASH or a listpack of fields and values.
func restoreHash(r *rdbReader, t byte, lim *encodingLimits) Value {
	var pairs [][]byte
	if t == rdbTypeHash {
		for n := r.count(); n > 0 && !r.bad; n-- {
			pairs = append(pairs, []byte(r.str()), []byte(r.str()))
		}
	} else if !readPacked(r, t, func(s string) { pairs = append(pairs, []byte(s)) }) || len(pairs)%2 != 0 {
		r.fail()
	}
	if r.bad {
		return Value{}
	}
	h := &Hash{}
	lp := hashLimits{entries: lim.hashMaxListpackEntries, value: lim.hashMaxListpackValue}
	if h.SetPairs(pairs, lp) != len(pairs)/2 || len(pairs) == 0 {
		r.fail() // a field twice
	}
	return Value{obj: h}
}

// restoreZset reads RDB_TYPE_ZSET (scores as text), ZSET_2 (binary
// scores) or a listpack of members and scores.
func restoreZset(r *rdbReader, t byte, lim *encodingLimits) Value {
	var entries []zentry
	switch t {
	case rdbTypeZsetListpack, rdbTypeZsetZiplist:
		var member string
		odd := false
		ok := readPacked(r, t, func(s string) {
			if odd = !odd; odd {
				member = s
				return
			}
			score, good := scoretext.Parse(s)
			if !good {
				r.fail()
			}
			entries = append(entries, zentry{Member: member, Score: score})
		})
		if !ok || odd {
			r.fail()
		}
	default:
		for n := r.count(); n > 0 && !r.bad; n-- {
			e := zentry{Member: r.str()}
			if t == rdbTypeZset2 {
				if p := r.take(8); p != nil {
					e.Score = math.Float64frombits(binary.LittleEndian.Uint64(p))
				}
			} else {
				e.Score = r.textScore()
			}
			if e.Score != e.Score {
				r.fail()
			}
			entries = append(entries, e)
		}
	}
	seen := make(map[string]bool, len(entries))
	for _, e := range entries {
		if seen[e.Member] {
			r.fail()
		}
		seen[e.Member] = true
	}
	if r.bad || len(entries) == 0 {
		r.fail()
		return Value{}
	}
	return Value{obj: zsetFrom(entries, lim)}
}

// textScore reads a score of RDB_TYPE_ZSET: a length byte (253 NaN, 254
// +inf, 255 -inf), then the number as text.
func (r *rdbReader) textScore() float64 {
	switch n := r.byte1(); n {
	case 253:
		return math.NaN()
	case 254:
		return math.Inf(1)
	case 255:
		return math.Inf(-1)
	default:
		v, ok := scoretext.Parse(r.take(uint64(n)))
		if !ok {
			r.fail()
		}
		return v
	}
}
