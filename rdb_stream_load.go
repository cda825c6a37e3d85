// rdb_stream_load.go reads a stream from a RESTORE payload:
// RDB_TYPE_STREAM_LISTPACKS_2 (Redis 7.0) and RDB_TYPE_STREAM_LISTPACKS
// (Redis 5 and 6: no first ID, greatest deleted ID, entries added or read
// counters, which are then derived as Redis derives them). It makes every
// check of Redis's deep sanitization and those nosql's blocks rely on:
// node keys of 16 bytes in ascending order; each listpack well formed,
// its master entry and every entry's element count right, its live and
// deleted counts those its flags say, at least one entry; the length the
// live entries; group and consumer names once each; PEL IDs once each,
// every consumer's IDs in the group's PEL and owned by one consumer, every
// group PEL entry owned. Nothing is allocated for a count before the
// bytes it claims are read.
package main

import (
	"encoding/binary"
	"slices"
	"strings"

	"nosql/internal/listpack"
)

// restoreStream reads a stream of RDB type t.
func restoreStream(r *rdbReader, t byte) Value {
	s := &Stream{}
	var live int64
	for n := r.ulen(); n > 0 && !r.bad; n-- {
		key := r.str()
		lp := r.str()
		if r.bad || len(key) != 16 {
			r.fail()
			break
		}
		first := streamID{Ms: binary.BigEndian.Uint64([]byte(key[:8])), Seq: binary.BigEndian.Uint64([]byte(key[8:]))}
		if k := len(s.blocks); k > 0 && s.blocks[k-1].first.Cmp(first) >= 0 {
			r.fail()
			break
		}
		blk, ok := loadStreamNode(first, lp)
		if !ok {
			r.fail()
			break
		}
		s.blocks = append(s.blocks, blk)
		live += int64(blk.live)
	}
	s.length = int64(r.ulen())
	s.lastID = r.id()
	if t == rdbTypeStreamListpacks2 {
		s.firstID, s.maxDeleted = r.id(), r.id()
		s.entriesAdded = int64(r.ulen())
	} else {
		s.entriesAdded = s.length
		s.firstID = s.edge(true)
	}
	if r.bad || s.length != live {
		r.fail()
		return Value{}
	}
	for n := r.ulen(); n > 0 && !r.bad; n-- {
		if g := loadStreamGroup(r, s, t); g != nil {
			s.groups = append(s.groups, g)
		}
	}
	slices.SortFunc(s.groups, func(a, b *streamGroup) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(s.groups); i++ {
		if s.groups[i-1].name == s.groups[i].name {
			r.fail()
		}
	}
	return Value{obj: s}
}

// ulen reads an RDB length (not a string encoding).
func (r *rdbReader) ulen() uint64 {
	n, enc := r.length()
	if enc {
		r.fail()
	}
	return n
}

// id reads an ID as two RDB lengths.
func (r *rdbReader) id() streamID {
	ms := r.ulen()
	return streamID{Ms: ms, Seq: r.ulen()}
}

// rawID reads an ID as 16 big-endian bytes.
func (r *rdbReader) rawID() streamID {
	p := r.take(16)
	if p == nil {
		return streamID{}
	}
	return streamID{Ms: binary.BigEndian.Uint64(p), Seq: binary.BigEndian.Uint64(p[8:])}
}

// ms reads a time in milliseconds, 8 bytes little endian.
func (r *rdbReader) ms() int64 {
	if p := r.take(8); p != nil {
		return int64(binary.LittleEndian.Uint64(p))
	}
	return 0
}

// lpElems walks a listpack's elements.
type lpElems struct {
	e   []string
	bad bool
}

// next returns the next element.
func (l *lpElems) next() string {
	if len(l.e) == 0 {
		l.bad = true
		return ""
	}
	s := l.e[0]
	l.e = l.e[1:]
	return s
}

// int returns the next element as an integer.
func (l *lpElems) int() int64 {
	v, ok := parseCanonicalInt(l.next())
	if !ok {
		l.bad = true
	}
	return v
}

// count returns the next element as a count of at most the elements left.
func (l *lpElems) count() int {
	v := l.int()
	if v < 0 || v > int64(len(l.e)) {
		l.bad = true
		return 0
	}
	return int(v)
}

// loadStreamNode turns a node's listpack into a block whose entries'
// IDs are deltas from first.
func loadStreamNode(first streamID, lp string) (*streamBlock, bool) {
	l := &lpElems{}
	if !listpack.Read(lp, func(s string) { l.e = append(l.e, s) }) {
		return nil, false
	}
	blk := &streamBlock{first: first, lpBytes: len(lp)}
	live, dead := l.count(), l.count()
	blk.master = make([]string, l.count())
	for i := range blk.master {
		blk.master[i] = l.next()
	}
	if l.int() != 0 || l.bad {
		return nil, false
	}
	for range live + dead {
		flags := l.int()
		if l.bad || flags < 0 || flags > entryDeleted|entrySameFields {
			return nil, false
		}
		d := append(blk.data, byte(flags))
		d = binary.AppendUvarint(d, uint64(l.int()))
		d = binary.AppendVarint(d, l.int())
		elems := len(blk.master)
		if flags&entrySameFields == 0 {
			n := l.count()
			elems = 2 * n
			d = binary.AppendUvarint(d, uint64(n))
		}
		if elems > len(l.e) {
			return nil, false
		}
		for range elems {
			s := l.next()
			d = append(binary.AppendUvarint(d, uint64(len(s))), s...)
		}
		want := elems + 3 // flags, the ID's two deltas, the values (and fields)
		if flags&entrySameFields == 0 {
			want++ // the field count
		}
		if l.int() != int64(want) || l.bad {
			return nil, false
		}
		blk.data = d
		if flags&entryDeleted != 0 {
			blk.dead++
		} else {
			blk.live++
		}
	}
	ok := len(l.e) == 0 && !l.bad && live+dead > 0 && int(blk.live) == live && int(blk.dead) == dead
	return blk, ok
}

// loadStreamGroup reads a consumer group of s: its name, last ID, read
// counter (RDB_TYPE_STREAM_LISTPACKS_2 only), PEL and consumers.
func loadStreamGroup(r *rdbReader, s *Stream, t byte) *streamGroup {
	g := &streamGroup{name: r.str(), lastID: r.id(), pel: make(map[streamID]*streamNACK)}
	if t == rdbTypeStreamListpacks2 {
		g.entriesRead = int64(r.ulen())
	} else {
		g.entriesRead = s.estimateRead(g.lastID)
	}
	for n := r.ulen(); n > 0 && !r.bad; n-- {
		id := r.rawID()
		nack := &streamNACK{time: r.ms(), count: int64(r.ulen())}
		if _, dup := g.pel[id]; dup {
			r.fail()
		}
		g.pel[id] = nack
		g.pelIDs = append(g.pelIDs, id)
	}
	slices.SortFunc(g.pelIDs, streamID.Cmp)
	for n := r.ulen(); n > 0 && !r.bad; n-- {
		c := &streamConsumer{name: r.str(), seen: r.ms()}
		for k := r.ulen(); k > 0 && !r.bad; k-- {
			id := r.rawID()
			nack := g.pel[id]
			if nack == nil || nack.consumer != nil {
				r.fail() // not in the group's PEL, or owned already
				break
			}
			nack.consumer = c
			c.pel = append(c.pel, id)
		}
		slices.SortFunc(c.pel, streamID.Cmp)
		g.consumers = append(g.consumers, c)
	}
	slices.SortFunc(g.consumers, func(a, b *streamConsumer) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(g.consumers); i++ {
		if g.consumers[i-1].name == g.consumers[i].name {
			r.fail()
		}
	}
	for _, nack := range g.pel {
		if nack.consumer == nil {
			r.fail() // a pending entry nobody owns
		}
	}
	if r.bad {
		return nil
	}
	return g
}
