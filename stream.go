// stream.go holds Stream, the value behind the stream type: entries kept
// in ID order in blocks of packed bytes, as Redis keeps them in listpacks
// hung from a radix tree. A block holds up to stream-node-max-entries
// entries (live or deleted) and about stream-node-max-bytes bytes; each
// entry is its flags, its ID as deltas from the block's first ID, and its
// fields and values, the field names left out when they are the block's
// first entry's. A deleted entry stays in its block, flagged, until the
// block holds no live entry (Redis's tombstones), so trimming with ~
// removes whole blocks exactly where Redis removes whole nodes.
package main

import (
	"encoding/binary"
	"slices"

	"nosql/internal/streamid"
)

// Entry flags, the first byte of each packed entry.
const (
	entryDeleted    = 1 << 0
	entrySameFields = 1 << 1
)

// streamID is a stream entry's ID.
type streamID = streamid.ID

// streamBlock is a run of consecutive entries packed in one byte slice.
type streamBlock struct {
	first  streamID // the ID of the block's first entry, deleted or not
	live   int32    // entries not deleted
	dead   int32    // entries deleted
	master []string // the field names of the first entry
	// lpBytes is the size Redis's listpack for the same entries would
	// have, which decides when Redis starts a new node
	lpBytes int
	data    []byte
}

// Stream is a stream value: its entries, its counters and its consumer
// groups (stream_group.go).
type Stream struct {
	blocks       []*streamBlock
	length       int64
	lastID       streamID // the last ID ever added (or set by XSETID)
	firstID      streamID // the first live entry's ID (0-0 when empty)
	maxDeleted   streamID // the greatest ID deleted by XDEL
	entriesAdded int64
	groups       []*streamGroup // sorted by name
	chunk        []byte         // where the next full block's bytes go (seal)
}

// streamEntry is one decoded entry.
type streamEntry struct {
	id      streamID
	flags   byte
	n       int      // field-value pairs
	master  []string // the block's field names, when the entry uses them
	body    []byte   // the packed fields and values (values only when master is used)
	blk     *streamBlock
	off     int // where the entry starts in blk.data
	nextOff int // where the next one starts
}

// each calls fn with every field and value of e, in order.
func (e *streamEntry) each(fn func(f, v []byte)) {
	b := e.body
	for i := 0; i < e.n; i++ {
		var f []byte
		if e.flags&entrySameFields != 0 {
			f = []byte(e.master[i])
		} else {
			f, b = readPackedStr(b)
		}
		var v []byte
		v, b = readPackedStr(b)
		fn(f, v)
	}
}

// readPackedStr reads one length-prefixed string.
func readPackedStr(b []byte) (s, rest []byte) {
	n, k := binary.Uvarint(b)
	b = b[k:]
	return b[:n:n], b[n:]
}

// skipPacked returns how many bytes k length-prefixed strings take.
func skipPacked(b []byte, k int) int {
	off := 0
	for range k {
		n, w := binary.Uvarint(b[off:])
		off += w + int(n)
	}
	return off
}

// decode reads the entry of blk at off.
func (blk *streamBlock) decode(off int) streamEntry {
	e := streamEntry{blk: blk, off: off, flags: blk.data[off]}
	p := off + 1
	ms, k := binary.Uvarint(blk.data[p:])
	p += k
	seq, k := binary.Varint(blk.data[p:])
	p += k
	e.id = streamID{Ms: blk.first.Ms + ms, Seq: blk.first.Seq + uint64(seq)}
	k2 := 1
	if e.flags&entrySameFields != 0 {
		e.n, e.master = len(blk.master), blk.master
	} else {
		n, w := binary.Uvarint(blk.data[p:])
		p += w
		e.n, k2 = int(n), 2
	}
	size := skipPacked(blk.data[p:], e.n*k2)
	e.body = blk.data[p : p+size]
	e.nextOff = p + size
	return e
}

// offsets returns where each entry of blk starts.
func (blk *streamBlock) offsets() []int {
	out := make([]int, 0, blk.live+blk.dead)
	for off := 0; off < len(blk.data); {
		out = append(out, off)
		off = blk.decode(off).nextOff
	}
	return out
}

// lastID returns the ID of blk's last entry (deleted or not).
func (blk *streamBlock) lastID() streamID {
	offs := blk.offsets()
	return blk.decode(offs[len(offs)-1]).id
}

// Len returns the number of entries.
func (s *Stream) Len() int64 { return s.length }

// sameFields reports whether pairs name the fields of master in order.
func sameFields(master []string, pairs [][]byte) bool {
	if len(pairs) != 2*len(master) {
		return false
	}
	for i, f := range master {
		if string(pairs[2*i]) != f {
			return false
		}
	}
	return true
}

// add appends an entry with ID id (greater than every ID in s) holding
// pairs (field, value, ...), starting a new block when the last one is
// full by Redis's rule.
func (s *Stream) add(id streamID, pairs [][]byte, lim *encodingLimits) {
	var blk *streamBlock
	var buf []byte // the room the new block's entries go to, if one starts
	if n := len(s.blocks); n > 0 {
		blk = s.blocks[n-1]
		maxBytes := int(lim.streamNodeMaxBytes)
		if maxBytes <= 0 || maxBytes > 1<<30 {
			maxBytes = 1 << 30
		}
		tot := 0
		for _, p := range pairs {
			tot += len(p)
		}
		if blk.lpBytes+tot >= maxBytes ||
			lim.streamNodeMaxEntries > 0 && int64(blk.live+blk.dead) >= lim.streamNodeMaxEntries {
			buf = s.seal(blk)
			blk = nil
		}
	}
	if blk == nil {
		blk = &streamBlock{first: id, data: buf}
		blk.lpBytes = 7 + lpIntSize(1) + lpIntSize(0) + lpIntSize(int64(len(pairs)/2)) + lpIntSize(0)
		blk.master = s.masterFor(pairs)
		for i := range blk.master {
			blk.lpBytes += lpStrSize(pairs[2*i])
		}
		s.blocks = append(s.blocks, blk)
	}
	same := sameFields(blk.master, pairs)
	flags := byte(0)
	if same {
		flags = entrySameFields
	}
	d := blk.data
	d = append(d, flags)
	d = binary.AppendUvarint(d, id.Ms-blk.first.Ms)
	d = binary.AppendVarint(d, int64(id.Seq-blk.first.Seq))
	n := len(pairs) / 2
	lpCount := int64(n + 3)
	blk.lpBytes += lpIntSize(int64(flags)) + lpIntSize(int64(id.Ms-blk.first.Ms)) + lpIntSize(int64(id.Seq-blk.first.Seq))
	if !same {
		d = binary.AppendUvarint(d, uint64(n))
		lpCount += int64(n + 1)
		blk.lpBytes += lpIntSize(int64(n))
	}
	for i, p := range pairs {
		if i%2 == 0 && same {
			continue
		}
		d = binary.AppendUvarint(d, uint64(len(p)))
		d = append(d, p...)
		blk.lpBytes += lpStrSize(p)
	}
	blk.lpBytes += lpIntSize(lpCount)
	blk.data = d
	blk.live++
	s.length++
	s.entriesAdded++
	s.lastID = id
	if s.length == 1 {
		s.firstID = id
	}
}

// Sealed blocks are packed end to end in chunks of up to sealChunk bytes.
const sealChunk = 64 << 10

// seal moves the bytes of blk, the last block, now full, into the
// stream's chunks, packed end to end so that full blocks lose no room to
// spare capacity or to the allocator's size classes, and returns blk's
// old buffer, emptied, for the next block (nil when it is too large to
// keep). A chunk starts at the size of a block and doubles with the
// stream, up to sealChunk. A sealed block has no spare capacity, so an
// append to it (a config change letting it grow) copies it out first.
func (s *Stream) seal(blk *streamBlock) []byte {
	n := len(blk.data)
	if cap(s.chunk)-len(s.chunk) < n {
		s.chunk = make([]byte, 0, max(n, min(sealChunk, 2*cap(s.chunk))))
	}
	from := len(s.chunk)
	s.chunk = append(s.chunk, blk.data...)
	buf := blk.data[:0]
	blk.data = s.chunk[from:len(s.chunk):len(s.chunk)]
	if cap(buf) > sealChunk {
		return nil
	}
	return buf
}

// masterFor returns the field names of pairs, as a new block's master:
// the last block's when they are the same, so that a stream whose entries
// all name the same fields keeps one copy of them.
func (s *Stream) masterFor(pairs [][]byte) []string {
	if n := len(s.blocks); n > 0 && sameFields(s.blocks[n-1].master, pairs) {
		return s.blocks[n-1].master
	}
	m := make([]string, len(pairs)/2)
	for i := range m {
		m[i] = string(pairs[2*i])
	}
	return m
}

// lpIntSize is the size of an integer element of a listpack.
func lpIntSize(v int64) int {
	switch {
	case v >= 0 && v <= 127:
		return 2
	case v >= -4096 && v <= 4095:
		return 3
	case v >= -32768 && v <= 32767:
		return 4
	case v >= -8388608 && v <= 8388607:
		return 5
	case v >= -2147483648 && v <= 2147483647:
		return 6
	}
	return 10
}

// lpStrSize is the size of a string element of a listpack (stored as an
// integer when it is one).
func lpStrSize(b []byte) int {
	if v, ok := parseCanonicalInt(b); ok {
		return lpIntSize(v)
	}
	n := len(b)
	switch {
	case n <= 63:
		n++
	case n <= 4095:
		n += 2
	default:
		n += 5
	}
	switch {
	case n <= 127:
		return n + 1
	case n < 16383:
		return n + 2
	case n < 2097151:
		return n + 3
	case n < 268435455:
		return n + 4
	}
	return n + 5
}

// blockFor returns the index of the last block whose first ID is <= id
// (0 when id is before every block).
func (s *Stream) blockFor(id streamID) int {
	i, found := slices.BinarySearchFunc(s.blocks, id, func(b *streamBlock, id streamID) int { return b.first.Cmp(id) })
	if found || i == 0 {
		return i
	}
	return i - 1
}

// scan calls fn with the live entries whose IDs are within [start, end],
// in order (backwards when rev), until fn returns false.
func (s *Stream) scan(start, end streamID, rev bool, fn func(e *streamEntry) bool) {
	if start.Cmp(end) > 0 || len(s.blocks) == 0 {
		return
	}
	if !rev {
		for bi := s.blockFor(start); bi < len(s.blocks); bi++ {
			blk := s.blocks[bi]
			if blk.first.Cmp(end) > 0 {
				return
			}
			for off := 0; off < len(blk.data); {
				e := blk.decode(off)
				off = e.nextOff
				if e.flags&entryDeleted != 0 || e.id.Cmp(start) < 0 {
					continue
				}
				if e.id.Cmp(end) > 0 || !fn(&e) {
					return
				}
			}
		}
		return
	}
	for bi := s.blockFor(end); bi >= 0; bi-- {
		blk := s.blocks[bi]
		offs := blk.offsets()
		for j := len(offs) - 1; j >= 0; j-- {
			e := blk.decode(offs[j])
			if e.flags&entryDeleted != 0 || e.id.Cmp(end) > 0 {
				continue
			}
			if e.id.Cmp(start) < 0 || !fn(&e) {
				return
			}
		}
	}
}

// find returns the live entry with ID id.
func (s *Stream) find(id streamID) (streamEntry, bool) {
	var out streamEntry
	found := false
	s.scan(id, id, false, func(e *streamEntry) bool {
		out, found = *e, true
		return false
	})
	return out, found
}

// exists reports whether a live entry has ID id.
func (s *Stream) exists(id streamID) bool {
	_, ok := s.find(id)
	return ok
}

// edge returns the first (or last) live entry's ID: the greatest ID (or
// 0-0) when the stream is empty.
func (s *Stream) edge(first bool) streamID {
	out := streamID{}
	if first {
		out = streamid.Max()
	}
	s.scan(streamID{}, streamid.Max(), !first, func(e *streamEntry) bool {
		out = e.id
		return false
	})
	return out
}

// markDeleted flags e deleted; a block left without live entries goes.
func (s *Stream) markDeleted(e *streamEntry) {
	blk := e.blk
	s.length--
	if blk.live == 1 {
		i := slices.Index(s.blocks, blk)
		s.blocks = slices.Delete(s.blocks, i, i+1)
		return
	}
	blk.data[e.off] |= entryDeleted
	blk.live--
	blk.dead++
}

// deleteID deletes the live entry with ID id and reports whether it was
// there (XDEL), keeping firstID and maxDeleted as Redis does.
func (s *Stream) deleteID(id streamID) bool {
	e, ok := s.find(id)
	if !ok {
		return false
	}
	s.markDeleted(&e)
	if id.Cmp(s.maxDeleted) > 0 {
		s.maxDeleted = id
	}
	switch {
	case s.length == 0:
		s.firstID = streamID{}
	case id == s.firstID:
		s.firstID = s.edge(true)
	}
	return true
}

// trimArgs is how XADD and XTRIM trim: by length or by least ID, exactly
// or (approx) by whole blocks only, doing at most limit deletions (0: no
// limit).
type trimArgs struct {
	strategy int // trimNone, trimMaxLen, trimMinID
	approx   bool
	limit    int64
	maxLen   int64
	minID    streamID
	argIdx   int // the argument holding the count or ID (for the log)
}

// Trim strategies.
const (
	trimNone = iota
	trimMaxLen
	trimMinID
)

// trim removes entries from the head as a says, as Redis's streamTrim
// does, and returns how many it removed.
func (s *Stream) trim(a *trimArgs) int64 {
	if a.strategy == trimNone {
		return 0
	}
	var deleted int64
	for len(s.blocks) > 0 {
		if a.strategy == trimMaxLen && s.length <= a.maxLen {
			break
		}
		blk := s.blocks[0]
		entries := int64(blk.live)
		if a.limit > 0 && deleted+entries > a.limit {
			break
		}
		var remove bool
		if a.strategy == trimMaxLen {
			remove = s.length-entries >= a.maxLen
		} else {
			remove = blk.lastID().Cmp(a.minID) < 0
		}
		if remove {
			s.blocks = slices.Delete(s.blocks, 0, 1)
			s.length -= entries
			deleted += entries
			continue
		}
		if a.approx {
			break
		}
		for off := 0; off < len(blk.data); {
			e := blk.decode(off)
			off = e.nextOff
			if a.strategy == trimMaxLen && s.length <= a.maxLen ||
				a.strategy == trimMinID && e.id.Cmp(a.minID) >= 0 {
				break
			}
			if e.flags&entryDeleted == 0 {
				blk.data[e.off] |= entryDeleted
				blk.live--
				blk.dead++
				s.length--
				deleted++
			}
		}
		break
	}
	switch {
	case s.length == 0:
		s.firstID = streamID{}
	case deleted > 0:
		s.firstID = s.edge(true)
	}
	return deleted
}

// typeName, encoding, clone, rewrite and appendText make a *Stream an
// object (value.go).
func (s *Stream) typeName() string { return "stream" }
func (s *Stream) encoding() string { return "stream" }

// clone returns an independent copy, groups included.
func (s *Stream) clone() object {
	out := *s
	out.chunk = nil // the copy's blocks are its own; its chunks will be too
	out.blocks = make([]*streamBlock, len(s.blocks))
	for i, b := range s.blocks {
		nb := *b
		nb.data = slices.Clone(b.data)
		out.blocks[i] = &nb
	}
	out.groups = make([]*streamGroup, len(s.groups))
	for i, g := range s.groups {
		out.groups[i] = g.clone()
	}
	return &out
}

// appendText writes the stream as Python prints a list of (id, {field:
// value}) tuples.
func (s *Stream) appendText(dst []byte) []byte {
	dst = append(dst, '[')
	first := true
	s.scan(streamID{}, streamid.Max(), false, func(e *streamEntry) bool {
		if !first {
			dst = append(dst, ", "...)
		}
		first = false
		dst = append(dst, '(')
		dst = appendPyRepr(dst, e.id.String())
		dst = append(dst, ", {"...)
		i := 0
		e.each(func(f, v []byte) {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			i++
			dst = append(appendPyRepr(dst, string(f)), ": "...)
			dst = appendPyRepr(dst, string(v))
		})
		dst = append(dst, "})"...)
		return true
	})
	return append(dst, ']')
}

// rewrite emits the records that rebuild the stream, as Redis's AOF
// rewrite does: one XADD per entry with its ID (XADD MAXLEN 0 for an empty
// stream), XSETID with the counters, then per group XGROUP CREATE with
// ENTRIESREAD, and per consumer XGROUP CREATECONSUMER (no pending entries)
// or one XCLAIM ... FORCE JUSTID per pending entry.
func (s *Stream) rewrite(key string, emit func(args ...string) error) error {
	var err error
	if s.length == 0 {
		err = emit("XADD", key, "MAXLEN", "0", "0-1", "x", "y")
	}
	s.scan(streamID{}, streamid.Max(), false, func(e *streamEntry) bool {
		args := make([]string, 0, 3+2*e.n)
		args = append(args, "XADD", key, e.id.String())
		e.each(func(f, v []byte) { args = append(args, string(f), string(v)) })
		err = emit(args...)
		return err == nil
	})
	if err != nil {
		return err
	}
	if err := emit("XSETID", key, s.lastID.String(), "ENTRIESADDED", formatInt(s.entriesAdded),
		"MAXDELETEDID", s.maxDeleted.String()); err != nil {
		return err
	}
	for _, g := range s.groups {
		if err := g.rewrite(key, emit); err != nil {
			return err
		}
	}
	return nil
}
