// aof_parse.go holds the reader of append-only file records (RESP arrays of
// bulk strings). It tells whole records from a last record cut short by a
// crash (errTorn) and from damage (*aofDamage), and reads a value in
// chunks, so a damaged length cannot make it allocate more than the file
// holds.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

const (
	maxRecordArgs  = 1 << 30  // most elements one record may declare
	maxCountDigits = 19       // digits in a "*N" or "$N" line
	readChunk      = 1 << 20  // a value is read this much at a time
	maxTornScan    = 64 << 20 // largest cut-short tail searched for later records
	maxTornProbes  = 10000    // record starts tried in that search
)

// errTorn means the input ended inside a record.
var errTorn = errors.New("record cut short by the end of the file")

// aofDamage is malformed input: at is the bad byte's offset, record the
// offset of the record holding it (the file is whole up to there).
type aofDamage struct {
	at, record int64
	msg        string
}

// Error says what is wrong and where.
func (e *aofDamage) Error() string {
	return fmt.Sprintf("%s at offset %d (in the record starting at offset %d)", e.msg, e.at, e.record)
}

// recordReader reads records one at a time.
type recordReader struct {
	rd      *bufio.Reader
	off     int64 // offset of the next unread byte
	start   int64 // offset of the record being read
	maxBulk int64
	args    [][]byte
	data    []byte
	spans   []int
}

// newRecordReader reads records from src, whose first byte is at offset off.
func newRecordReader(src io.Reader, off int64, bufSize int, maxBulk int64) *recordReader {
	return &recordReader{rd: bufio.NewReaderSize(src, bufSize), off: off, maxBulk: maxBulk}
}

// next reads the next record into r.args (valid until the next call) and
// returns its offset. It returns io.EOF at the end of input between
// records, errTorn when input ends inside one, *aofDamage for malformed
// input, and read errors as they are.
func (r *recordReader) next() (int64, error) {
	r.start = r.off
	n, err := r.count('*', 1, maxRecordArgs)
	if err != nil {
		if err == errTorn && r.off == r.start {
			err = io.EOF
		}
		return r.start, err
	}
	r.data, r.spans = r.data[:0], r.spans[:0]
	for i := int64(0); i < n; i++ {
		if err := r.bulk(); err != nil {
			return r.start, err
		}
	}
	r.args = r.args[:0]
	for i := 0; i < len(r.spans); i += 2 {
		r.args = append(r.args, r.data[r.spans[i]:r.spans[i+1]])
	}
	return r.start, nil
}

// bulk reads one "$N\r\n<N bytes>\r\n" element into r.data.
func (r *recordReader) bulk() error {
	n, err := r.count('$', 0, r.maxBulk)
	if err != nil {
		return err
	}
	from := len(r.data)
	for need := n + 2; need > 0; {
		chunk := int(min(need, readChunk))
		old := len(r.data)
		r.data = append(r.data, make([]byte, chunk)...)
		m, err := io.ReadFull(r.rd, r.data[old:])
		r.off += int64(m)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return errTorn
		}
		if err != nil {
			return err
		}
		need -= int64(chunk)
	}
	if end := len(r.data); r.data[end-2] != '\r' || r.data[end-1] != '\n' {
		return r.damage(r.off-2, "value not followed by CRLF")
	}
	r.data = r.data[:len(r.data)-2]
	r.spans = append(r.spans, from, len(r.data))
	return nil
}

// count reads a "<prefix><digits>\r\n" line and returns its number, which
// must lie in [lo, hi].
func (r *recordReader) count(prefix byte, lo, hi int64) (int64, error) {
	at := r.off
	line, err := r.rd.ReadSlice('\n')
	r.off += int64(len(line))
	switch {
	case err == io.EOF:
		if validLinePrefix(line, prefix) {
			return 0, errTorn
		}
		return 0, r.damage(at, badLine(line, prefix))
	case err == bufio.ErrBufferFull:
		return 0, r.damage(at, badLine(line, prefix))
	case err != nil:
		return 0, err
	}
	n, ok := parseCountLine(line, prefix)
	if !ok {
		return 0, r.damage(at, badLine(line, prefix))
	}
	if n < lo || n > hi {
		return 0, r.damage(at, fmt.Sprintf("count %d out of range [%d, %d] in %q", n, lo, hi, line))
	}
	return n, nil
}

func (r *recordReader) damage(at int64, msg string) error {
	return &aofDamage{at: at, record: r.start, msg: msg}
}

func badLine(line []byte, prefix byte) string {
	if len(line) > 32 {
		line = line[:32]
	}
	return fmt.Sprintf("expected %q and a length, got %q", prefix, line)
}

// parseCountLine parses "<prefix><digits>\r\n".
func parseCountLine(line []byte, prefix byte) (int64, bool) {
	if len(line) < 4 || line[0] != prefix || !bytes.HasSuffix(line, []byte("\r\n")) {
		return 0, false
	}
	digits := line[1 : len(line)-2]
	if len(digits) > maxCountDigits {
		return 0, false
	}
	var n int64
	for _, d := range digits {
		if d < '0' || d > '9' {
			return 0, false
		}
		n = n*10 + int64(d-'0')
	}
	return n, true
}

// validLinePrefix reports whether line (cut short by the end of the file)
// could begin a well-formed count line.
func validLinePrefix(line []byte, prefix byte) bool {
	if len(line) == 0 {
		return true
	}
	if line[0] != prefix {
		return false
	}
	rest := line[1:]
	if k := len(rest); k > 0 && rest[k-1] == '\r' {
		rest = rest[:k-1]
	}
	if len(rest) > maxCountDigits {
		return false
	}
	for _, d := range rest {
		if d < '0' || d > '9' {
			return false
		}
	}
	return true
}

// holdsWholeRecord reports whether tail, the bytes from the start of a
// record cut short by the end of the file, contains a later whole record:
// then the "cut" is damage in the middle of the file (say, a corrupted
// length), not a crash while appending. Past the search limits it answers
// true, the safe side: start-up is refused rather than data dropped.
func holdsWholeRecord(tail []byte, maxBulk int64) bool {
	if len(tail) > maxTornScan {
		return true
	}
	probes := 0
	for i := 1; i < len(tail); i++ {
		if tail[i] != '*' || i < 2 || tail[i-2] != '\r' || tail[i-1] != '\n' {
			continue
		}
		if probes++; probes > maxTornProbes {
			return true
		}
		rr := newRecordReader(bytes.NewReader(tail[i:]), 0, 4096, maxBulk)
		if _, err := rr.next(); err == nil {
			return true
		}
	}
	return false
}
