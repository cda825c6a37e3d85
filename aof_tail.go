// aof_tail.go holds the second part of a rewrite: the records logged
// while the snapshot was taken, read back from the current file and
// placed after the snapshot (see aof_rewrite.go).
package main

import (
	"bytes"
	"fmt"
	"io"
)

// copyTail appends to the new file the records logged since the cuts,
// filtering those below the last cut, until little is left for the writer
// to copy at the switch.
func (r *rewrite) copyTail() error {
	minCut := r.cut[0]
	for _, c := range r.cut {
		minCut, r.maxCut = min(minCut, c), max(r.maxCut, c)
	}
	r.pos = minCut
	if err := r.a.waitWritten(r.maxCut); err != nil {
		return err
	}
	if err := r.filterTail(); err != nil {
		return err
	}
	for round := 0; round < maxCatchUpRounds; round++ {
		if err := r.copyRaw(r.a.writtenPos()); err != nil {
			return err
		}
		end := r.a.journal.End()
		if end-r.pos <= catchUpSlack {
			break
		}
		if err := r.a.waitWritten(end); err != nil {
			return err
		}
	}
	return r.maybeSync()
}

// filterTail copies the records in [r.pos, r.maxCut) that the snapshot
// does not hold yet. A transaction (MULTI ... EXEC) is kept or dropped
// whole; SELECT records are always kept, so every kept record runs in the
// database it was made in (the journal started the tail with a SELECT).
func (r *rewrite) filterTail() error {
	if r.pos >= r.maxCut {
		return nil
	}
	sec := io.NewSectionReader(r.src, r.pos-r.srcBase, r.maxCut-r.pos)
	rr := newRecordReader(sec, r.pos, 64<<10, maxAOFBulk)
	var group [][][]byte // the records of an open transaction
	var before, after, inTx bool
	for {
		p, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading back the log at position %d: %w", p, err)
		}
		name := rr.args[0]
		switch {
		case bytes.EqualFold(name, []byte("multi")):
			inTx, before, after = true, false, false
		case bytes.EqualFold(name, []byte("exec")), bytes.EqualFold(name, []byte("select")):
		default:
			b, a := r.side(p, rr.args)
			before, after = before || b, after || a
		}
		if !inTx {
			if before && after {
				return errCrossing
			}
			keep := after || bytes.EqualFold(name, []byte("select"))
			before, after = false, false
			if keep {
				if err := r.writeArgs(rr.args); err != nil {
					return err
				}
			}
			continue
		}
		group = append(group, cloneArgs(rr.args))
		if !bytes.EqualFold(name, []byte("exec")) {
			continue
		}
		inTx = false
		if before && after {
			return errCrossing
		}
		for _, args := range group {
			if after || bytes.EqualFold(args[0], []byte("select")) {
				if err := r.writeArgs(args); err != nil {
					return err
				}
			}
		}
		group, before, after = group[:0], false, false
	}
	r.pos = r.maxCut
	return nil
}

// writeArgs writes one record to the new file.
func (r *rewrite) writeArgs(args [][]byte) error {
	r.buf = appendCommand(r.buf[:0], args...)
	_, err := r.w.Write(r.buf)
	return err
}

// cloneArgs copies a record the reader will overwrite.
func cloneArgs(args [][]byte) [][]byte {
	cp := make([][]byte, len(args))
	for i, a := range args {
		cp[i] = bytes.Clone(a)
	}
	return cp
}

// side reports whether the record at position p came before the cut of
// some shard it touches, and after the cut of some.
func (r *rewrite) side(p int64, args [][]byte) (before, after bool) {
	note := func(i int) {
		if p < r.cut[i] {
			before = true
		} else {
			after = true
		}
	}
	st := r.a.srv.store
	if !r.a.srv.recordKeys(args, func(k []byte) { note(st.shardIndex(k)) }) {
		for i := range r.cut {
			note(i)
		}
	}
	return before, after
}

// copyRaw copies the current file's bytes up to journal position end.
func (r *rewrite) copyRaw(end int64) error {
	if end <= r.pos {
		return nil
	}
	n, err := io.Copy(r.w, io.NewSectionReader(r.src, r.pos-r.srcBase, end-r.pos))
	r.pos += n
	if err == nil && r.pos != end {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return fmt.Errorf("copying the log's tail: %w", err)
	}
	return nil
}

// recordKeys calls fn with each key a logged record touches, found from
// the command table's key positions (PUTLIST: its one key). It returns
// false when the keys are unknown (FLUSHALL, say), meaning "all of them".
func (s *Server) recordKeys(args [][]byte, fn func(key []byte)) bool {
	if isPutList(args[0]) {
		if len(args) < 2 {
			return false
		}
		fn(args[1])
		return true
	}
	cmd := s.command(args[0])
	if cmd == nil || cmd.firstKey <= 0 {
		return false
	}
	last := cmd.lastKey
	if last < 0 {
		last += len(args)
	}
	found := false
	for i := cmd.firstKey; i <= last && i < len(args); i += max(cmd.step, 1) {
		fn(args[i])
		found = true
	}
	return found
}

// isPutList reports whether a record is nosql's own PUTLIST (an empty
// list, which no Redis command can make).
func isPutList(name []byte) bool { return bytes.EqualFold(name, []byte("PUTLIST")) }
