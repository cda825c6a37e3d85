// journal.go holds the Journal, where the store records the effect of each
// write as a RESP array of bulk strings (the append-only file's format),
// and from which the append-only file's writer takes them.
package main

import (
	"strconv"
	"sync"
)

// maxKeptJournalBuf is the largest buffer the journal keeps for reuse.
const maxKeptJournalBuf = 4 << 20

// Journal collects logged writes in memory until the append-only file
// takes them. Positions are counted in bytes ever logged, so a position
// names one record whatever file it ends up in.
type Journal struct {
	mu  sync.Mutex
	buf []byte
	end int64 // total bytes ever logged
	db  int   // the database the last record was made in; -1: unknown
}

// NewJournal returns an empty journal whose first record will be preceded
// by a SELECT.
func NewJournal() *Journal { return &Journal{db: -1} }

// Append logs the records of one command or transaction in one piece,
// after a SELECT when they were made in another database than the last
// ones, and wrapped in MULTI and EXEC when multi is set.
func (j *Journal) Append(r *logRec, multi bool) {
	j.mu.Lock()
	n := len(j.buf)
	if r.first != j.db {
		j.buf = appendCommand(j.buf, "SELECT", strconv.Itoa(r.first))
	}
	if multi {
		j.buf = appendCommand(j.buf, "MULTI")
	}
	j.buf = append(j.buf, r.buf...)
	if multi {
		j.buf = appendCommand(j.buf, "EXEC")
	}
	j.db = r.last
	j.end += int64(len(j.buf) - n)
	j.mu.Unlock()
}

// endFresh returns the position after the last logged byte, and makes
// the next record start with a SELECT: a rewrite cuts the log there, and
// what follows must not depend on what came before.
func (j *Journal) endFresh() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.db = -1
	return j.end
}

// Log appends one command, encoded as RESP.
func (j *Journal) Log(args ...string) {
	j.mu.Lock()
	n := len(j.buf)
	j.buf = appendCommand(j.buf, args...)
	j.end += int64(len(j.buf) - n)
	j.mu.Unlock()
}

// End returns the position after the last logged byte.
func (j *Journal) End() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.end
}

// Buffered returns how many logged bytes have not been taken yet.
func (j *Journal) Buffered() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.buf)
}

// take returns the bytes logged since the last take and the position
// after them; the journal continues in spare (its contents are dropped).
func (j *Journal) take(spare []byte) ([]byte, int64) {
	if cap(spare) > maxKeptJournalBuf {
		spare = nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	data := j.buf
	j.buf = spare[:0]
	return data, j.end
}

// appendCommand appends args as a RESP array of bulk strings.
func appendCommand[T string | []byte](dst []byte, args ...T) []byte {
	dst = append(dst, '*')
	dst = strconv.AppendInt(dst, int64(len(args)), 10)
	dst = append(dst, '\r', '\n')
	for _, a := range args {
		dst = append(dst, '$')
		dst = strconv.AppendInt(dst, int64(len(a)), 10)
		dst = append(dst, '\r', '\n')
		dst = append(dst, a...)
		dst = append(dst, '\r', '\n')
	}
	return dst
}
