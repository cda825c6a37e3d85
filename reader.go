// reader.go frames requests from a connection's byte stream. Each request
// is told apart as Redis tells its two forms apart: one starting with '*' is
// a RESP array of bulk strings; any other line is a semicolon-protocol
// request if it holds a ';' and a Redis inline command if not. Memory stays
// bounded: a line may not pass -max-request, and a RESP request grows the
// buffer only as its bytes arrive, up to client-query-buffer-limit.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
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
	maxCountLine = 64 << 10 // longest "*N" or "$N" line, as Redis allows
)

// protoError is a request that cannot be framed; the connection answers it
// and closes.
type protoError struct {
	msg  string
	text bool // answer in the semicolon protocol (a too-long text line)
}

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

	line []byte   // the request of frameText
	args [][]byte // the request of frameRESP and frameInline

	// progress through a partly received RESP array
	nargs int   // elements declared; 0 when none is in progress
	pos   int   // offset from r of the next unparsed byte
	spans []int // start, end offsets from r of each element received

	waiting bool // the last call stopped at a partial request
}

func newReader(src io.Reader, lim limits) *reader {
	return &reader{src: src, lim: lim, buf: make([]byte, minReadBuf)}
}

// buffered returns how many unread bytes are held.
func (r *reader) buffered() int { return r.w - r.r }

// next frames the next whole request from buffered input without reading.
// Its fields (line, args) point into the buffer and are valid until the
// next call to fill. Blank lines and empty arrays are skipped.
func (r *reader) next() (frame, error) {
	for r.r < r.w {
		var f frame
		var err error
		if r.nargs == 0 && r.buf[r.r] != '*' {
			f, err = r.nextLine()
		} else {
			f, err = r.nextArray()
		}
		if f != frameNone || err != nil || r.nargs > 0 || r.waiting {
			return f, err
		}
	}
	return frameNone, nil
}

// nextLine frames a semicolon or inline request ending in "\n" or "\r\n".
// Until the first newline of a connection, and at end of input, a line
// without a newline is taken whole if it is a semicolon request with at
// least three ';' (the original clients send no newline) or input ended.
func (r *reader) nextLine() (frame, error) {
	r.waiting = false
	data := r.buf[r.r:r.w]
	i := bytes.IndexByte(data, '\n')
	var line []byte
	switch {
	case i >= 0:
		line = data[:i]
		r.r += i + 1
		r.lines = true
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
	case r.eof || (!r.lines && bytes.Count(data, []byte{';'}) >= 3):
		line = data
		r.r = r.w
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
	default:
		if len(bytes.TrimSuffix(data, []byte{'\r'})) > r.lim.maxLine() {
			return frameNone, tooLong(data)
		}
		r.waiting = true
		return frameNone, nil
	}
	if len(line) > r.lim.maxLine() {
		return frameNone, tooLong(line)
	}
	if isBlank(line) {
		return frameNone, nil
	}
	if bytes.IndexByte(line, ';') >= 0 {
		r.line = line
		return frameText, nil
	}
	args, err := splitInline(r.args[:0], line)
	if err != nil || len(args) == 0 { // a line of only whitespace is skipped
		return frameNone, err
	}
	r.args = args
	return frameInline, nil
}

func tooLong(line []byte) error {
	if bytes.IndexByte(line, ';') >= 0 {
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
// call stopped when the array arrives in pieces.
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
		n, good := parseCanonicalInt(line)
		if !good || n > 1<<31-1 {
			return frameNone, &protoError{msg: "Protocol error: invalid multibulk length"}
		}
		if n <= 0 { // Redis ignores empty and null arrays
			r.r = end
			return frameNone, nil
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
		if int64(r.w-end) < n+2 {
			r.waiting = true
			return frameNone, nil
		}
		r.spans = append(r.spans, end-r.r, end-r.r+int(n))
		r.pos = end - r.r + int(n) + 2
	}
	r.args = r.args[:0]
	for i := 0; i < len(r.spans); i += 2 {
		r.args = append(r.args, r.buf[r.r+r.spans[i]:r.r+r.spans[i+1]])
	}
	r.r += r.pos
	r.nargs = 0
	return frameRESP, nil
}

// fill reads more input, first making room: the buffer is compacted, and
// grown (doubling, so never beyond twice what has arrived) when a request
// does not fit, up to the query buffer limit.
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
			if int64(len(r.buf)) >= r.lim.maxQuery() {
				return errQueryLimit
			}
			nb := make([]byte, min(2*int64(len(r.buf)), r.lim.maxQuery()+1))
			copy(nb, r.buf[:r.w])
			r.buf = nb
		}
	}
	n, err := r.src.Read(r.buf[r.w:])
	r.w += n
	if err != nil {
		r.eof = true
		if n > 0 || err == io.EOF {
			return nil
		}
		return err
	}
	return nil
}

// splitInline splits an inline command into arguments as Redis's
// sdssplitargs does: words separated by spaces, "double quotes" with
// backslash escapes, 'single quotes' with only \' escaped.
func splitInline(dst [][]byte, line []byte) ([][]byte, error) {
	unbalanced := &protoError{msg: "Protocol error: unbalanced quotes in request"}
	i := 0
	for {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i == len(line) {
			return dst, nil
		}
		var arg []byte
		inq, insq := false, false
		for done := false; !done; {
			switch {
			case inq:
				if i >= len(line) {
					return nil, unbalanced
				}
				c := line[i]
				switch {
				case c == '\\' && i+3 < len(line) && line[i+1] == 'x' && isHex(line[i+2]) && isHex(line[i+3]):
					arg = append(arg, unhex(line[i+2])<<4|unhex(line[i+3]))
					i += 3
				case c == '\\' && i+1 < len(line):
					i++
					arg = append(arg, unescapeChar(line[i]))
				case c == '"':
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, unbalanced
					}
					done = true
				default:
					arg = append(arg, c)
				}
			case insq:
				if i >= len(line) {
					return nil, unbalanced
				}
				c := line[i]
				switch {
				case c == '\\' && i+1 < len(line) && line[i+1] == '\'':
					i++
					arg = append(arg, '\'')
				case c == '\'':
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, unbalanced
					}
					done = true
				default:
					arg = append(arg, c)
				}
			default:
				if i >= len(line) {
					done = true
					continue
				}
				switch c := line[i]; {
				case isSpace(c):
					done = true
				case c == '"':
					inq = true
				case c == '\'':
					insq = true
				default:
					arg = append(arg, c)
				}
			}
			if i < len(line) {
				i++
			}
		}
		if arg == nil {
			arg = []byte{}
		}
		dst = append(dst, arg)
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func unescapeChar(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'a':
		return '\a'
	}
	return c
}
