// rdb_stream.go writes a stream in DUMP's payload as Redis 7.0 does
// (RDB_TYPE_STREAM_LISTPACKS_2): each block as a radix tree node, its
// first ID as the 128-bit big-endian key and its entries as Redis's
// listpack (a master entry: live and deleted counts, the master fields,
// 0; then per entry its flags, its ID as deltas from the key, the fields
// unless it uses the master's, the values, and its element count); then
// the length, the last, first and greatest deleted IDs, the entries ever
// added, and the consumer groups with their last ID, read counter, PEL
// (ID, delivery time, count) and consumers (name, seen time, PEL IDs).
// Reading it back is rdb_stream_load.go.
package main

import (
	"encoding/binary"

	"nosql/internal/listpack"
)

// RDB stream types (rdb.h): Redis 5/6's and Redis 7.0's.
const (
	rdbTypeStreamListpacks  = 15
	rdbTypeStreamListpacks2 = 19
)

// rdbAppendStream appends s as RDB_TYPE_STREAM_LISTPACKS_2.
func rdbAppendStream(dst []byte, s *Stream) []byte {
	dst = rdbAppendLen(append(dst, rdbTypeStreamListpacks2), uint64(len(s.blocks)))
	for _, blk := range s.blocks {
		dst = appendRawID(rdbAppendLen(dst, 16), blk.first)
		lp := blk.listpack()
		dst = append(rdbAppendLen(dst, uint64(len(lp))), lp...)
	}
	dst = rdbAppendLen(dst, uint64(s.length))
	for _, id := range []streamID{s.lastID, s.firstID, s.maxDeleted} {
		dst = rdbAppendID(dst, id)
	}
	dst = rdbAppendLen(dst, uint64(s.entriesAdded))
	dst = rdbAppendLen(dst, uint64(len(s.groups)))
	for _, g := range s.groups {
		dst = rdbAppendString(dst, g.name)
		dst = rdbAppendLen(rdbAppendID(dst, g.lastID), uint64(g.entriesRead))
		dst = rdbAppendLen(dst, uint64(len(g.pelIDs)))
		for _, id := range g.pelIDs {
			n := g.pel[id]
			dst = binary.LittleEndian.AppendUint64(appendRawID(dst, id), uint64(n.time))
			dst = rdbAppendLen(dst, uint64(n.count))
		}
		dst = rdbAppendLen(dst, uint64(len(g.consumers)))
		for _, c := range g.consumers {
			dst = binary.LittleEndian.AppendUint64(rdbAppendString(dst, c.name), uint64(c.seen))
			dst = rdbAppendLen(dst, uint64(len(c.pel)))
			for _, id := range c.pel {
				dst = appendRawID(dst, id)
			}
		}
	}
	return dst
}

// rdbAppendID appends an ID as two RDB lengths.
func rdbAppendID(dst []byte, id streamID) []byte {
	return rdbAppendLen(rdbAppendLen(dst, id.Ms), id.Seq)
}

// appendRawID appends an ID as Redis keys its radix trees: 128 bits, big
// endian.
func appendRawID(dst []byte, id streamID) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(dst, id.Ms), id.Seq)
}

// listpack returns the block as Redis's listpack node (t_stream.c's
// layout).
func (blk *streamBlock) listpack() []byte {
	var lp listpack.Writer
	lp.AddInt(int64(blk.live))
	lp.AddInt(int64(blk.dead))
	lp.AddInt(int64(len(blk.master)))
	for _, f := range blk.master {
		lp.Add(f)
	}
	lp.AddInt(0)
	for off := 0; off < len(blk.data); {
		e := blk.decode(off)
		off = e.nextOff
		lp.AddInt(int64(e.flags))
		lp.AddInt(int64(e.id.Ms - blk.first.Ms))
		lp.AddInt(int64(e.id.Seq - blk.first.Seq))
		same := e.flags&entrySameFields != 0
		if !same {
			lp.AddInt(int64(e.n))
		}
		e.each(func(f, v []byte) {
			if !same {
				lp.Add(string(f))
			}
			lp.Add(string(v))
		})
		count := int64(e.n + 3)
		if !same {
			count += int64(e.n + 1)
		}
		lp.AddInt(count)
	}
	return lp.Done()
}
