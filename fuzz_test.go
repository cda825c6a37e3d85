// fuzz_test.go holds the fuzz targets of the request parsers; their seed
// corpora are the files in testdata/fuzz/<target>.
package main

import (
	"bytes"
	"math"
	"net"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary lines to the semicolon protocol: the parse
// never panics, every response is exactly one line starting "True;" or
// "False;", reparsing the fields gives the same fields, and a value without
// CR or LF stored with PUT comes back from GET byte for byte.
func FuzzParse(f *testing.F) {
	srv := fuzzServer(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		srv.store = NewStore(DefaultDatabases) // keep each input's work independent of the last
		c := newClient(srv, nil, nil)
		r := parseText(line)
		for _, fld := range [][]byte{r.Command, r.Key, r.Value, r.Type} {
			if !bytes.Equal(trimField(fld), fld) {
				t.Fatalf("field %q not trimmed", fld)
			}
		}
		if bytes.IndexByte(line, '\n') >= 0 || bytes.IndexByte(line, ';') < 0 {
			return // the reader never hands such a line to serveText
		}
		out, _ := c.serveText(line, nil)
		if bytes.IndexByte(out, '\n') != len(out)-1 || bytes.IndexByte(out, '\r') >= 0 {
			t.Fatalf("response is not one line: %q", out)
		}
		if !bytes.HasPrefix(out, []byte("True;")) && !bytes.HasPrefix(out, []byte("False;")) {
			t.Fatalf("response %q", out)
		}
		typ := parseType(r.Type)
		if bytes.HasPrefix(out, []byte("True;")) && bytes.EqualFold(r.Command, []byte("PUT")) &&
			(typ == typeNone || typ == typeString) && !bytes.ContainsAny(r.Value, "\r\n") {
			get, _ := c.serveText(append([]byte("GET;"), r.Key...), nil)
			if want := "True;" + string(r.Value) + "\n"; string(get) != want {
				t.Fatalf("PUT %q then GET: %q, want %q", r.Value, get, want)
			}
		}
	})
}

// fuzzLimit maps a fuzzed int64 to a limit a flag or CONFIG SET could
// set: 1 to MaxInt64.
func fuzzLimit(v int64) int64 { return max(v&math.MaxInt64, 1) }

// FuzzRESP feeds arbitrary bytes to the request reader under fuzzed limits
// (max-request, proto-max-bulk-len, client-query-buffer-limit, up to
// MaxInt64) and runs every framed command: nothing panics, the buffer
// stays within its bounds, every request gets a reply, a semicolon request
// has one word before its first ';', and the requests framed (telnet
// answers included) do not depend on how the bytes are split into reads.
func FuzzRESP(f *testing.F) {
	srv := fuzzServer(f)
	f.Fuzz(func(t *testing.T, data []byte, maxLine, maxBulk, maxQuery int64) {
		lim := fixedLimits{line: int(fuzzLimit(maxLine)), bulk: fuzzLimit(maxBulk), query: fuzzLimit(maxQuery)}
		srv.set.maxRequest.Store(int64(lim.line))
		srv.set.protoMaxBulkLen.Store(lim.bulk)
		srv.set.queryBufferLimit.Store(lim.query)
		srv.store = NewStore(DefaultDatabases)
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		c := &conn{client: newClient(srv, nil, nil), nc: a}
		c.rd = newReader(&chunkReader{data: data, chunk: 7}, &srv.set)
		bound := max(minReadBuf, min(satAdd(lim.query, 1), max(2*int64(len(data)), min(satAdd(int64(lim.line), 2), 32*int64(len(data))))))
	frames:
		for {
			f, err := c.rd.next()
			if err != nil {
				break
			}
			if int64(len(c.rd.buf)) > bound {
				t.Fatalf("buffer grew to %d for %d bytes", len(c.rd.buf), len(data))
			}
			n := c.pendingOut()
			switch f {
			case frameText:
				if i := bytes.IndexByte(c.rd.line, ';'); i < 0 || !oneWord(c.rd.line[:i]) || bytes.IndexByte(c.rd.line, '\n') >= 0 {
					t.Fatalf("semicolon request %q", c.rd.line)
				}
				c.serveText()
			case frameRESP, frameInline:
				c.dispatch(c.rd.args)
			case frameNone:
				if c.rd.eof || c.rd.fill() != nil {
					break frames
				}
				continue
			}
			if c.pendingOut() == n && !c.closeAfter {
				t.Fatalf("no reply to %q", c.rd.args)
			}
			c.resetOut()
		}
		// after a newline the no-newline allowance is over, and framing
		// must not depend on the reads (every error is alike here)
		in := "\n" + string(data)
		whole := sameErrors(frameAll(in, 1<<20, lim))
		chunks := []int{5, 4093}
		if len(data) <= 4096 {
			chunks[1] = 1 // every split point; too slow to minimise long inputs
		}
		for _, chunk := range chunks {
			if got := sameErrors(frameAll(in, chunk, lim)); strings.Join(got, "\x1e") != strings.Join(whole, "\x1e") {
				t.Fatalf("read %d bytes at a time: %q\nall at once: %q", chunk, got, whole)
			}
		}
	})
}

// fuzzServer returns a server with the default limits and no persistence,
// never started: the targets drive its parsers directly.
func fuzzServer(f *testing.F) *Server {
	cfg := DefaultConfig()
	cfg.AppendOnly = false
	srv, err := NewServer(cfg)
	if err != nil {
		f.Fatal(err)
	}
	return srv
}

// sameErrors writes every framing error as "err".
func sameErrors(frames []string) []string {
	if n := len(frames); n > 0 && strings.HasPrefix(frames[n-1], "err:") {
		frames[n-1] = "err"
	}
	return frames
}
