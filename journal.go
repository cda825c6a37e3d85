// journal.go holds the Journal, where the store records the effect of each
// write as a RESP array of bulk strings (the append-only file's format).
package main

import (
	"strconv"
	"sync"
)

// Journal collects logged writes in memory until the append-only file
// takes them.
type Journal struct {
	mu  sync.Mutex
	buf []byte
	end int64 // total bytes ever logged
}

// Log appends one command, encoded as RESP.
func (j *Journal) Log(args ...string) {
	j.mu.Lock()
	n := len(j.buf)
	j.buf = appendCommand(j.buf, args...)
	j.end += int64(len(j.buf) - n)
	j.mu.Unlock()
}

// appendCommand appends args as a RESP array of bulk strings.
func appendCommand(dst []byte, args ...string) []byte {
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
