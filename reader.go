// reader.go frames requests from a connection's byte stream. Each request
// is told apart as Redis tells its two forms apart: one starting with '*' is
// a RESP array of bulk strings; any other line is a semicolon-protocol
// request if what precedes its first ';' is one word, and a Redis inline
// command if not. Telnet commands are removed from lines (telnet.go).
// Memory stays bounded: a line may not pass -max-request and scanning it
// costs each byte once however slowly it arrives; a RESP request grows the
// buffer only as its bytes arrive, and its bytes plus its per-element
// bookkeeping may not pass client-query-buffer-limit.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"nosql/internal/splitargs"
)

// frame is the kind of request reader.next found.
type frame int

const (
	frameNone   frame = iota // no whole request buffered yet
	frameRESP                // reader.args holds a RESP command
	frameInline              // reader.args holds an inline command
	frameText                // reader.line holds a semicolon request
)

const (
	minReadBuf   = 16 << 10
	lineStep     = 64 << 10 // a line's buffer doubles up to this size
	maxCountLine = 64 << 10 // longest "*N" or "$N" line, as Redis allows
	maxKeptArgs  = 4 << 10  // argument slots kept between requests
	// elemCost is the memory each element of a RESP array in progress
	// takes besides its bytes: its span (two ints) and its argument slot.
	elemCost = 16 + 24
)

// protoError is a request that cannot be framed; the connection answers it
// and closes.
type protoError struct {
	msg  string
	text bool // answer in the semicolon protocol (a too-long text line)
}

// Error returns the reply text of the protocol error.
func (e *protoError) Error() string { return e.msg }

// errQueryLimit means a request passed client-query-buffer-limit; the
// connection is closed without a reply, as Redis does.
var errQueryLimit = errors.New("client query buffer limit reached")

// limits are the bounds a reader enforces; they may change at run time
// (CONFIG SET), so the reader asks for them each time.
type limits interface {
	maxLine() int
	maxBulk() int64
	maxQuery() int64
}

// reader holds one connection's unread input.
type reader struct {
	src   io.Reader
	lim   limits
	buf   []byte
	r, w  int
	eof   bool // no more input will come
	lines bool // a newline has been seen: the no-newline allowance is over
	bare  bool // the connection stopped waiting for the rest of a first message

	line []byte   // the request of frameText
	args [][]byte // the request of frameRESP and frameInline

	// progress through a line, so each byte is scanned once: bytes from r
	// already scanned (telnet commands removed), the ';' among them (until
	// the first newline), the offset+1 of the first ';' (0: none yet), and
	// whether what precedes it is one word (a semicolon request)
	scan, semis, semiAt int
	text                bool

	tn    tnState // telnet command in progress
	tnOut []byte  // telnet answers not yet sent

	// progress through a partly received RESP array
	nargs int   // elements declared; 0 when none is in progress
	pos   int   // offset from r of the next unparsed byte
	spans []int // start, end offsets from r of each element received

	waiting bool // the last call stopped at a partial request
}

func newReader(src io.Reader, lim limits) *reader {
	return &reader{src: src, lim: lim, buf: make([]byte, minReadBuf)}
}

// atLine reports whether the request at r (r < w) is line-framed.
func (r *reader) atLine() bool {
	return r.nargs == 0 && (r.scan > 0 || r.tn != tnData || r.buf[r.r] != '*')
}

// pending returns the memory a request in progress takes whose first n
// bytes have arrived.
func (r *reader) pending(n int) int64 {
	return int64(n) + int64(len(r.spans)/2)*elemCost
}

// next frames the next whole request from buffered input without reading.
// Its fields (line, args) point into the buffer and are valid until the
// next call to fill. Blank lines and empty arrays are skipped. After an
// error the reader holds no input (the connection ends).
func (r *reader) next() (frame, error) {
	if cap(r.args) > maxKeptArgs {
		r.args = nil
	}
	for r.r < r.w {
		var f frame
		var err error
		if r.atLine() {
			f, err = r.nextLine()
		} else {
			f, err = r.nextArray()
		}
		if err == nil && r.waiting && r.pending(r.w-r.r) > r.lim.maxQuery() {
			err = errQueryLimit
		}
		if err != nil { // nothing may keep the buffer alive
			r.buf, r.line, r.args, r.spans, r.r, r.w = nil, nil, nil, nil, 0, 0
			return frameNone, err
		}
		if f != frameNone || r.nargs > 0 || r.waiting {
			return f, nil
		}
	}
	return frameNone, nil
}

// nextLine frames a semicolon or inline request ending in "\n" or "\r\n".
// A line without a newline is taken whole when input has ended, when the
// connection stopped waiting for more (endBare), or, until the first
// newline of a connection, when it is a semicolon request with at least
// three ';' (the original clients send no newline).
func (r *reader) nextLine() (frame, error) {
	r.waiting = false
	end, resp := r.scanLine()
	if resp {
		return frameNone, nil
	}
	line := r.buf[r.r : r.r+r.scan]
	// judged on the first max-request bytes, however the line arrives
	text := r.text && r.semiAt-1 <= r.lim.maxLine()
	limit := r.lineLimit()
	if end < 0 {
		if len(trimCR(line)) > limit {
			return frameNone, tooLong(text)
		}
		if !r.eof && !r.bare && (r.lines || !text || r.semis < 3 || r.tn != tnData) {
			r.waiting = true
			return frameNone, nil
		}
		end = r.w
	} else {
		r.lines = true
	}
	r.r = end
	r.resetLine()
	if int64(len(line)) > r.lim.maxQuery() { // as if it had arrived in pieces
		return frameNone, errQueryLimit
	}
	line = trimCR(line)
	if len(line) > limit {
		return frameNone, tooLong(text)
	}
	if isBlank(line) {
		return frameNone, nil
	}
	if text {
		r.line = line
		return frameText, nil
	}
	args, ok := splitargs.Split(r.args[:0], line)
	if !ok {
		return frameNone, &protoError{msg: "Protocol error: unbalanced quotes in request"}
	}
	if len(args) == 0 { // a line of only whitespace is skipped
		return frameNone, nil
	}
	r.args = args
	return frameInline, nil
}

// scanLine scans the bytes of the current line that arrived since the
// last call, each once: telnet commands are removed in place and the first
// ';' is noted. It returns the offset after the line's '\n', or -1 while
// the line is incomplete (the removed bytes are then dropped from the end
// of the buffer). resp reports that only telnet commands preceded a '*',
// which starts a RESP request instead.
func (r *reader) scanLine() (end int, resp bool) {
	buf := r.buf
	wp := r.r + r.scan // where the next scanned byte goes
	rp := wp           // the next byte to scan
	nl := -1           // the next '\n' at or after rp (r.w: none); -1 not searched
	for rp < r.w {
		limit := r.lineLimit()
		if r.pastLimit(wp-r.r, limit) || int64(wp-r.r) > r.lim.maxQuery() {
			break // too long whatever follows, as if read a byte at a time
		}
		if r.tn != tnData {
			literal, discard := r.tnStep(buf[rp])
			rp++
			switch {
			case literal:
				buf[wp] = tnIAC
				wp++
			case discard:
				wp = r.r
				r.resetLine()
			}
			continue
		}
		if wp == r.r && buf[rp] == '*' {
			r.r = rp
			r.resetLine()
			return -1, true
		}
		if nl < rp {
			nl = r.w
			if i := bytes.IndexByte(buf[rp:r.w], '\n'); i >= 0 {
				nl = rp + i
			}
		}
		seg := buf[rp:nl]
		if i := bytes.IndexByte(seg, tnIAC); i >= 0 {
			seg = seg[:i]
		}
		if n := wp - r.r; limit < r.w-r.r && len(seg) > limit+2-n {
			seg = seg[:limit+2-n] // no further than where the line is too long
		}
		if n, q := wp-r.r, r.lim.maxQuery(); q < int64(r.w-r.r) && int64(len(seg)) > q+1-int64(n) {
			seg = seg[:q+1-int64(n)] // ... or past the query limit
		}
		if wp != rp {
			copy(buf[wp:], seg)
		}
		r.note(buf[wp:wp+len(seg)], wp-r.r)
		wp += len(seg)
		rp += len(seg)
		switch {
		case rp == r.w:
		case buf[rp] == '\n':
			r.scan = wp - r.r
			return rp + 1, false
		case buf[rp] == tnIAC:
			r.tn = tnCmd
			rp++
		}
	}
	r.w = wp + copy(buf[wp:], buf[rp:r.w]) // bytes not scanned follow the line
	r.scan = wp - r.r
	return -1, false
}

// inlineMax is the longest inline command, as Redis's PROTO_INLINE_MAX_SIZE:
// its arguments cost far more memory than its bytes (a slot and an
// allocation each), so it is kept short whatever max-request allows.
const inlineMax = 64 << 10

// lineLimit is the longest the current line may be: max-request for a
// semicolon request (one word, then ';'), at most inlineMax for anything
// else. A line is inline until a ';' after one word has been seen, which
// happens within its first inlineMax bytes if it is to happen at all, so
// the limit does not depend on how the line arrives.
func (r *reader) lineLimit() int {
	if r.text {
		return r.lim.maxLine()
	}
	return min(r.lim.maxLine(), inlineMax)
}

// pastLimit reports whether a line of which n bytes have arrived is too
// long for limit whatever follows: more than limit bytes besides a final
// '\r' that a '\n' may yet follow.
func (r *reader) pastLimit(n, limit int) bool {
	return n-1 > limit || n-1 == limit && r.buf[r.r+n-1] != '\r'
}

// note records the first ';' of the line and counts ';' until the first
// newline; seg was scanned at offset off from r.
func (r *reader) note(seg []byte, off int) {
	if r.semiAt == 0 {
		if i := bytes.IndexByte(seg, ';'); i >= 0 {
			r.semiAt = off + i + 1
			r.text = oneWord(r.buf[r.r : r.r+off+i])
		}
	}
	if !r.lines {
		r.semis += bytes.Count(seg, []byte{';'})
	}
}

// resetLine forgets the progress through a line.
func (r *reader) resetLine() {
	r.scan, r.semis, r.semiAt, r.text, r.bare = 0, 0, 0, false, false
}

// oneWord reports whether b, trimmed of spaces and tabs, holds no space,
// tab or quote: the COMMAND of a semicolon request rather than the start
// of an inline command.
func oneWord(b []byte) bool {
	for _, c := range trimField(b) {
		if c == ' ' || c == '\t' || c == '"' || c == '\'' {
			return false
		}
	}
	return true
}

// bareWaiting reports whether the reader waits for the rest of a
// semicolon request on a connection that has sent no newline yet.
func (r *reader) bareWaiting() bool {
	return r.waiting && !r.lines && r.scan > 0 && r.text
}

// endBare makes the next call to next take a first message without a
// newline as complete: its client has sent nothing more for a while.
func (r *reader) endBare() { r.bare = true }

func trimCR(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		return line[:n-1]
	}
	return line
}

func tooLong(text bool) error {
	if text {
		return &protoError{msg: "ERROR: request too long", text: true}
	}
	return &protoError{msg: "Protocol error: too big inline request"}
}

// countLine returns the "*N" or "$N" line starting at offset p of the
// buffer (without its CRLF) and the offset after it, or ok false if it is
// not all here yet.
func (r *reader) countLine(p int) (line []byte, end int, ok bool) {
	i := bytes.IndexByte(r.buf[p:r.w], '\r')
	if i < 0 || p+i+1 >= r.w {
		return nil, 0, false
	}
	return r.buf[p+1 : p+i], p + i + 2, true
}

// nextArray frames a RESP array of bulk strings, resuming where the last
// call stopped when the array arrives in pieces. Slices grow as elements
// arrive, never to the declared count.
func (r *reader) nextArray() (frame, error) {
	r.waiting = false
	if r.nargs == 0 {
		line, end, ok := r.countLine(r.r)
		if !ok {
			if r.w-r.r > maxCountLine {
				return frameNone, &protoError{msg: "Protocol error: too big mbulk count string"}
			}
			r.waiting = true
			return frameNone, nil
		}
		if int64(end-r.r-1) > r.lim.maxQuery() { // as if it had arrived in pieces
			return frameNone, errQueryLimit
		}
		n, good := parseCanonicalInt(line)
		if !good || n > 1<<31-1 {
			return frameNone, &protoError{msg: "Protocol error: invalid multibulk length"}
		}
		if n <= 0 { // Redis ignores empty and null arrays
			r.r = end
			return frameNone, nil
		}
		if cap(r.spans) > 2*maxKeptArgs {
			r.spans = nil
		}
		r.nargs, r.pos, r.spans = int(n), end-r.r, r.spans[:0]
	}
	for len(r.spans) < 2*r.nargs {
		p := r.r + r.pos
		if p >= r.w {
			r.waiting = true
			return frameNone, nil
		}
		if r.buf[p] != '$' {
			return frameNone, &protoError{msg: fmt.Sprintf("Protocol error: expected '$', got '%c'", r.buf[p])}
		}
		line, end, ok := r.countLine(p)
		if !ok {
			if r.w-p > maxCountLine {
				return frameNone, &protoError{msg: "Protocol error: too big bulk count string"}
			}
			r.waiting = true
			return frameNone, nil
		}
		n, good := parseCanonicalInt(line)
		if !good || n < 0 || n > r.lim.maxBulk() {
			return frameNone, &protoError{msg: "Protocol error: invalid bulk length"}
		}
		if n > int64(r.w-end)-2 {
			r.waiting = true
			return frameNone, nil
		}
		r.spans = append(r.spans, end-r.r, end-r.r+int(n))
		r.pos = end - r.r + int(n) + 2
		if r.pending(r.pos) > r.lim.maxQuery() {
			return frameNone, errQueryLimit
		}
	}
	r.args = r.args[:0]
	for i := 0; i < len(r.spans); i += 2 {
		r.args = append(r.args, r.buf[r.r+r.spans[i]:r.r+r.spans[i+1]])
	}
	r.r += r.pos
	r.nargs, r.spans = 0, r.spans[:0]
	return frameRESP, nil
}

// fill reads more input, first making room: the buffer is compacted, and
// grown when a request does not fit (grownSize). A read that fails only
// because the connection's read deadline passed returns that error and
// leaves the reader ready for more input.
func (r *reader) fill() error {
	if r.r == r.w {
		r.r, r.w = 0, 0
		if len(r.buf) > 4*minReadBuf {
			r.buf = make([]byte, minReadBuf)
		}
	}
	if r.w == len(r.buf) {
		if r.r > 0 {
			copy(r.buf, r.buf[r.r:r.w])
			r.w -= r.r
			r.r = 0
		} else {
			n := r.grownSize()
			if n <= int64(len(r.buf)) {
				return errQueryLimit
			}
			nb := make([]byte, n)
			copy(nb, r.buf[:r.w])
			r.buf = nb
		}
	}
	n, err := r.src.Read(r.buf[r.w:])
	r.w += n
	switch {
	case err == nil:
	case n == 0 && errors.Is(err, os.ErrDeadlineExceeded):
		return err
	case n > 0 || err == io.EOF:
		r.eof = true
	default:
		r.eof = true
		return err
	}
	return nil
}

// grownSize is the size for a full buffer holding one partial request:
// twice the size (so never beyond twice what has arrived), up to the query
// limit plus one byte (so passing the limit is seen). A line's buffer grows
// to at most max-request+2 (its terminator included), and once it holds
// lineStep bytes, straight there if that is at most 32 times its size.
func (r *reader) grownSize() int64 {
	size := int64(len(r.buf))
	if size == 0 {
		return 0
	}
	n := 2 * size
	if r.atLine() {
		need := satAdd(int64(r.lim.maxLine()), 2)
		if size >= lineStep && need <= 32*size {
			n = need
		}
		n = min(n, need)
	}
	if q := r.lim.maxQuery(); q < math.MaxInt64 {
		n = min(n, q+1)
	}
	return n
}

// satAdd returns a+b for non-negative a and b, or MaxInt64 if that
// overflows.
func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
