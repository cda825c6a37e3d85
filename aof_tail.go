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
// does not hold yet.
func (r *rewrite) filterTail() error {
	if r.pos >= r.maxCut {
		return nil
	}
	sec := io.NewSectionReader(r.src, r.pos-r.srcBase, r.maxCut-r.pos)
	rr := newRecordReader(sec, r.pos, 64<<10, maxAOFBulk)
	for {
		p, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading back the log at position %d: %w", p, err)
		}
		keep, err := r.keep(p, rr.args)
		if err != nil {
			return err
		}
		if keep {
			r.buf = appendCommand(r.buf[:0], rr.args...)
			if _, err := r.w.Write(r.buf); err != nil {
				return err
			}
		}
	}
	r.pos = r.maxCut
	return nil
}

// keep reports whether the record at position p came after the cuts of
// the shards it touches (then the snapshot lacks it), or errCrossing if it
// came after some and before others.
func (r *rewrite) keep(p int64, args [][]byte) (bool, error) {
	var before, after bool
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
	if before && after {
		return false, errCrossing
	}
	return after, nil
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
